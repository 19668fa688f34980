/** How comments behave, for the service and the views alike: thresholds and page sizes. */

/** Members needed to hide a comment from lists until a moderator looks at it. */
export const FLAG_THRESHOLD = 3;
/** Top-level comments per list page. */
export const LIST_PAGE_SIZE = 5;

export const pageCountOf = (total: number, pageSize = LIST_PAGE_SIZE) =>
  Math.max(1, Math.ceil(total / pageSize));
