/**
 * The SQLite side tables next to keyv's own `keyv` table, in the same database file so one transaction
 * covers a comment's value and its index entries. They only hold what listings need; the comment itself
 * is the keyv value.
 */
/** Stored in PRAGMA user_version; bump it (and add a migration) whenever SCHEMA changes shape. */
export const SCHEMA_VERSION = 1;

export const SCHEMA: readonly string[] = [
  // Per server: how many comments `list` shows (its total).
  `CREATE TABLE IF NOT EXISTS parley_guilds (
     guild TEXT PRIMARY KEY,
     listed INTEGER NOT NULL DEFAULT 0
   ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS parley_comments (
     guild TEXT NOT NULL,
     number INTEGER NOT NULL,
     root INTEGER,              -- the top-level comment a reply hangs under; NULL for top-level
     anchor TEXT NOT NULL,
     listed INTEGER NOT NULL,   -- top-level, not deleted, not hidden
     visible INTEGER NOT NULL,  -- not deleted, not hidden (replies too)
     deleted INTEGER NOT NULL,
     score INTEGER NOT NULL,    -- votes
     PRIMARY KEY (guild, number)
   ) WITHOUT ROWID`,
  'CREATE INDEX IF NOT EXISTS parley_comments_listed ON parley_comments (guild, listed, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_listed_anchor ON parley_comments (guild, anchor, listed, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_top ON parley_comments (guild, listed, score, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_top_anchor ON parley_comments (guild, anchor, listed, score, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_root ON parley_comments (guild, root, number)',
  'CREATE INDEX IF NOT EXISTS parley_comments_live ON parley_comments (guild, deleted, number)',
  `CREATE TABLE IF NOT EXISTS parley_anchors (
     guild TEXT NOT NULL,
     anchor TEXT NOT NULL,
     visible INTEGER NOT NULL DEFAULT 0,
     listed INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (guild, anchor)
   ) WITHOUT ROWID`,
  // The totals are maintained by triggers, so they cannot drift from the rows they count: they change
  // in the same statement as the row, hence in the same transaction.
  `CREATE TRIGGER IF NOT EXISTS parley_comments_counted AFTER INSERT ON parley_comments BEGIN
     INSERT INTO parley_anchors (guild, anchor, visible, listed) VALUES (NEW.guild, NEW.anchor, NEW.visible, NEW.listed)
       ON CONFLICT (guild, anchor) DO UPDATE SET visible = visible + excluded.visible, listed = listed + excluded.listed;
     INSERT INTO parley_guilds (guild, listed) VALUES (NEW.guild, NEW.listed)
       ON CONFLICT (guild) DO UPDATE SET listed = listed + excluded.listed;
   END`,
  `CREATE TRIGGER IF NOT EXISTS parley_comments_recounted AFTER UPDATE OF listed, visible ON parley_comments BEGIN
     UPDATE parley_anchors SET visible = visible + NEW.visible - OLD.visible, listed = listed + NEW.listed - OLD.listed
       WHERE guild = NEW.guild AND anchor = NEW.anchor;
     UPDATE parley_guilds SET listed = listed + NEW.listed - OLD.listed WHERE guild = NEW.guild;
   END`,
];
