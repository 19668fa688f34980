/** /comment's subcommand and option names: written once, read by the definition and the handlers. */
export const SUB = {
  add: 'add',
  reply: 'reply',
  list: 'list',
  thread: 'thread',
  edit: 'edit',
  delete: 'delete',
  deleteMine: 'delete-mine',
  export: 'export',
  map: 'map',
} as const;

export type Subcommand = (typeof SUB)[keyof typeof SUB];

export const OPT = {
  text: 'text',
  on: 'on',
  stance: 'stance',
  id: 'id',
  sort: 'sort',
  page: 'page',
  from: 'from',
} as const;

/** The fields of the comment form. */
export const FIELD = { text: 'text', stance: 'stance' } as const;
