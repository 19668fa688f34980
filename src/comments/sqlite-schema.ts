/**
 * The SQLite side tables next to keyv's own `keyv` table, in the same database file so one transaction
 * covers a comment's value and its index entries. They only hold what listings need; the comment itself
 * is the keyv value.
 */
/**
 * Stored in PRAGMA user_version; bump it (and add a migration) whenever SCHEMA changes shape.
 * 1: comments per server. 2: comments belong to an article (MIGRATE_1_TO_2). 3: reply counts count
 * only replies still shown (sqlite-store.ts recountReplies; no change of shape).
 */
export const SCHEMA_VERSION = 3;

export const SCHEMA: readonly string[] = [
  // Per server and article: how many comments `list` shows (its total) and how many are visible.
  `CREATE TABLE IF NOT EXISTS parley_articles (
     guild TEXT NOT NULL,
     article TEXT NOT NULL,
     listed INTEGER NOT NULL DEFAULT 0,
     visible INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (guild, article)
   ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS parley_comments (
     guild TEXT NOT NULL,
     number INTEGER NOT NULL,
     article TEXT NOT NULL,     -- the library article it discusses
     root INTEGER,              -- the top-level comment a reply hangs under; NULL for top-level
     anchor TEXT NOT NULL,
     listed INTEGER NOT NULL,   -- top-level, not deleted, not hidden
     visible INTEGER NOT NULL,  -- not deleted, not hidden (replies too)
     deleted INTEGER NOT NULL,
     score INTEGER NOT NULL,    -- votes
     PRIMARY KEY (guild, number)
   ) WITHOUT ROWID`,
  'CREATE INDEX IF NOT EXISTS parley_comments_listed ON parley_comments (guild, article, listed, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_listed_anchor ON parley_comments (guild, article, anchor, listed, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_top ON parley_comments (guild, article, listed, score, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_top_anchor ON parley_comments (guild, article, anchor, listed, score, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_root ON parley_comments (guild, root, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_live ON parley_comments (guild, deleted, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_live_article ON parley_comments (guild, article, deleted, number)',
  `CREATE TABLE IF NOT EXISTS parley_anchors (
     guild TEXT NOT NULL,
     article TEXT NOT NULL,
     anchor TEXT NOT NULL,
     visible INTEGER NOT NULL DEFAULT 0,
     listed INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (guild, article, anchor)
   ) WITHOUT ROWID`,
  // The article each server chose to discuss (/articles use).
  `CREATE TABLE IF NOT EXISTS parley_current (
     guild TEXT PRIMARY KEY,
     article TEXT NOT NULL
   ) WITHOUT ROWID`,
  // The totals are maintained by triggers, so they cannot drift from the rows they count: they change
  // in the same statement as the row, hence in the same transaction.
  `CREATE TRIGGER IF NOT EXISTS parley_comments_counted AFTER INSERT ON parley_comments BEGIN
     INSERT INTO parley_anchors (guild, article, anchor, visible, listed)
       VALUES (NEW.guild, NEW.article, NEW.anchor, NEW.visible, NEW.listed)
       ON CONFLICT (guild, article, anchor) DO UPDATE
         SET visible = visible + excluded.visible, listed = listed + excluded.listed;
     INSERT INTO parley_articles (guild, article, listed, visible) VALUES (NEW.guild, NEW.article, NEW.listed, NEW.visible)
       ON CONFLICT (guild, article) DO UPDATE
         SET listed = listed + excluded.listed, visible = visible + excluded.visible;
   END`,
  `CREATE TRIGGER IF NOT EXISTS parley_comments_recounted AFTER UPDATE OF listed, visible ON parley_comments BEGIN
     UPDATE parley_anchors SET visible = visible + NEW.visible - OLD.visible, listed = listed + NEW.listed - OLD.listed
       WHERE guild = NEW.guild AND article = NEW.article AND anchor = NEW.anchor;
     UPDATE parley_articles SET listed = listed + NEW.listed - OLD.listed, visible = visible + NEW.visible - OLD.visible
       WHERE guild = NEW.guild AND article = NEW.article;
   END`,
];

/**
 * Version 1 → 2, before SCHEMA runs: the version-1 tables, indexes and triggers make way (their names
 * are reused), the comment rows are kept aside in parley_comments_v1 for MIGRATE_1_TO_2_COPY.
 */
export const MIGRATE_1_TO_2_PREPARE: readonly string[] = [
  'DROP TRIGGER IF EXISTS parley_comments_counted',
  'DROP TRIGGER IF EXISTS parley_comments_recounted',
  ...[
    'parley_comments_listed',
    'parley_comments_listed_anchor',
    'parley_comments_top',
    'parley_comments_top_anchor',
    'parley_comments_root',
    'parley_comments_live',
  ].map((index) => `DROP INDEX IF EXISTS ${index}`),
  // Counters only: the triggers rebuild them from the rows as they are copied back.
  'DROP TABLE IF EXISTS parley_anchors',
  'DROP TABLE IF EXISTS parley_guilds',
  'ALTER TABLE parley_comments RENAME TO parley_comments_v1',
];

/** After SCHEMA: every version-1 row comes back, attributed to the article bound as the one parameter. */
export const MIGRATE_1_TO_2_COPY: readonly string[] = [
  `INSERT INTO parley_comments (guild, number, article, root, anchor, listed, visible, deleted, score)
     SELECT guild, number, ?1, root, anchor, listed, visible, deleted, score FROM parley_comments_v1`,
  'INSERT OR IGNORE INTO parley_current (guild, article) SELECT DISTINCT guild, ?1 FROM parley_comments_v1',
  'DROP TABLE parley_comments_v1',
];
