/// The triggers that make the table an append-only hash chain written only as oneself.
///
/// SQLSTATEs raised (class RJ, Rapport's own):
/// RJ001 seq does not follow the last record; RJ002 the hash does not chain; RJ003 not a record line;
/// RJ004 `login` is not the session's user; RJ005 `by` is not a name that login may write as;
/// RJ006 UPDATE, DELETE or TRUNCATE; RJ007 a member's login that is no role of the server.
extension JournalSchema {
  /// The record's business date, as the fold takes it: the data's `date` (a scheduled QBR's `on`, a
  /// configuration change's `from`) when it is a valid ISO day; NULL otherwise.
  static let businessDateFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_business_date(record_type text, data json) RETURNS date
    LANGUAGE plpgsql IMMUTABLE SET search_path FROM CURRENT AS $$
    DECLARE
      day text := data ->> (CASE record_type WHEN 'qbr.scheduled' THEN 'on' WHEN 'config.set' THEN 'from' ELSE 'date' END);
      y int;
      m int;
      d int;
    BEGIN
      IF day IS NULL OR day !~ '^\d{4}-\d{2}-\d{2}$' THEN
        RETURN NULL;
      END IF;
      y := substr(day, 1, 4)::int;
      m := substr(day, 6, 2)::int;
      d := substr(day, 9, 2)::int;
      IF y < 1 OR m NOT BETWEEN 1 AND 12 OR d < 1
        OR d > extract(day FROM make_date(y, m, 1) + interval '1 month - 1 day') THEN
        RETURN NULL;
      END IF;
      RETURN make_date(y, m, d);
    END
    $$;
    """#

  /// Whether this session is the journal's owner copying a journal in (`SET LOCAL rapport.copy_in =
  /// 'on'`): lines written elsewhere keep their logins, so the identity checks are left to `verify`.
  /// The chain, the seq and the line's form are checked all the same.
  static let copyingFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_journal_copying() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      SELECT coalesce(current_setting('rapport.copy_in', true), '') = 'on'
        AND pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'rapport_journal'::regclass), 'MEMBER')
    $$;
    """#

  /// Why `writer`, logged in as `login`, may not append a record of `record_type`; NULL when they may.
  /// The same rules, and the same words, as the file journal's `Members.refusal(toWrite:…)`, except
  /// reassigning an account someone else owns (which needs the fold; the program checks it and
  /// `verify` reports it).
  static let refusalFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_journal_refusal(record_type text, writer text, login text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
      enforced boolean := EXISTS (SELECT 1 FROM rapport_journal WHERE type = 'member.added');
      creator json;
      member json;
      logins text[];
      member_role text;
    BEGIN
      IF NOT enforced AND record_type <> 'member.added' THEN
        RETURN NULL;
      END IF;
      IF enforced THEN
        SELECT j.line::json -> 'data' INTO member FROM rapport_journal j
          WHERE j.type = 'member.added' AND j.line::json -> 'data' ->> 'name' = writer
          ORDER BY j.seq DESC LIMIT 1;
      END IF;
      IF member IS NOT NULL THEN
        logins := ARRAY(SELECT json_array_elements_text(member -> 'logins'));
        member_role := member ->> 'role';
      ELSE
        -- The journal's creator is its first admin, and before the first member its only writer of members.
        SELECT j.line::json INTO creator FROM rapport_journal j WHERE j.seq = 1;
        IF creator IS NULL OR creator ->> 'by' IS DISTINCT FROM writer THEN
          RETURN format('%s is not a member of this journal (an admin adds members with `rapport member add`)', writer);
        END IF;
        logins := CASE WHEN creator ->> 'login' IS NULL THEN '{}'::text[] ELSE ARRAY[creator ->> 'login'] END;
        member_role := 'admin';
      END IF;
      IF cardinality(logins) > 0 AND (login IS NULL OR NOT login = ANY (logins)) THEN
        RETURN format('you are logged in as %s, and %s''s member entry does not list that login: you can only'
          ' write as yourself (an admin can add the login with `rapport member add %s --login %s`)',
          coalesce(login, '(none)'), writer, writer, coalesce(login, '(none)'));
      END IF;
      IF member_role = 'viewer' THEN
        RETURN format('%s is a viewer of this journal: viewers cannot write', writer);
      END IF;
      IF member_role = 'admin' THEN
        RETURN NULL;
      END IF;
      IF record_type = 'member.added' THEN
        RETURN format('only an admin can add or change members; %s is not one', writer);
      ELSIF record_type = 'config.set' THEN
        RETURN format('only an admin can change the rules'' config; %s is not one', writer);
      END IF;
      RETURN NULL;
    END
    $$;
    """#

  /// BEFORE INSERT, per row: the line is a record, its seq follows the last one, its hash chains onto
  /// the last one's (PostgreSQL's own sha256), it was written as the session's user by a name that
  /// user may write as. Fills in the derived columns.
  static let checkFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_journal_check() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
      last_seq bigint := 0;
      last_hash text := repeat('0', 64);
      last_end bigint := 0;
      envelope json;
      expected text;
      writer text;
      refusal text;
    BEGIN
      -- Serialise with every other writer (a no-op when this transaction holds the lock already) and
      -- read where the journal ends, as a writer does.
      SELECT l.seq, l.hash, l.end_offset INTO last_seq, last_hash, last_end FROM rapport_journal_lock() l;
      IF NEW.seq IS DISTINCT FROM last_seq + 1 THEN
        RAISE EXCEPTION 'record % refused: the journal''s last record is %, so the next one is %',
          NEW.seq, last_seq, last_seq + 1
          USING ERRCODE = 'RJ001', HINT = 'another writer appended first: read the head again and retry';
      END IF;
      IF NEW.line ~ '[\n\r\t]' OR octet_length(NEW.line) < 80
        OR right(NEW.line, 75) !~ '^,"hash":"[0-9a-f]{64}"}$' THEN
        RAISE EXCEPTION 'record % refused: not a journal line (one line of JSON ending in its "hash" field)', NEW.seq
          USING ERRCODE = 'RJ003';
      END IF;
      envelope := NEW.line::json;
      IF json_typeof(envelope) <> 'object'
        OR (SELECT count(*) <> count(DISTINCT k) FROM json_object_keys(envelope) k) THEN
        RAISE EXCEPTION 'record % refused: not a journal line (an object with each field once)', NEW.seq
          USING ERRCODE = 'RJ003';
      END IF;
      IF (envelope ->> 'seq') IS DISTINCT FROM NEW.seq::text THEN
        RAISE EXCEPTION 'record % refused: its line says seq %', NEW.seq, coalesce(envelope ->> 'seq', '(none)')
          USING ERRCODE = 'RJ001';
      END IF;
      NEW.type := envelope ->> 'type';
      writer := envelope ->> 'by';
      IF NEW.type IS NULL OR writer IS NULL THEN
        RAISE EXCEPTION 'record % refused: its line has no "type" or no "by"', NEW.seq USING ERRCODE = 'RJ003';
      END IF;
      IF (NEW.seq = 1) <> (NEW.type = 'journal.created') THEN
        RAISE EXCEPTION 'record % refused: a journal begins with one journal.created record, and only then', NEW.seq
          USING ERRCODE = 'RJ003';
      END IF;
      expected := encode(sha256(convert_to(last_hash, 'UTF8')
        || substring(convert_to(NEW.line, 'UTF8') FROM 1 FOR octet_length(NEW.line) - 75)), 'hex');
      NEW.hash := substr(right(NEW.line, 66), 1, 64);
      IF NEW.hash <> expected THEN
        RAISE EXCEPTION 'record % refused: its hash does not chain onto record %', NEW.seq, last_seq
          USING ERRCODE = 'RJ002', DETAIL = format('it states %s; sha256 of the previous hash and its body is %s',
            NEW.hash, expected);
      END IF;
      NEW.login := envelope ->> 'login';
      IF NOT rapport_journal_copying() THEN
        IF NEW.login IS DISTINCT FROM session_user::text THEN
          RAISE EXCEPTION 'record % refused: it says it was written from login %, but this session''s user is %',
            NEW.seq, coalesce(NEW.login, '(none)'), session_user
            USING ERRCODE = 'RJ004', HINT = 'you can only write as yourself';
        END IF;
        IF NEW.seq > 1 THEN
          refusal := rapport_journal_refusal(NEW.type, writer, NEW.login);
          IF refusal IS NOT NULL THEN
            RAISE EXCEPTION 'record % refused: %', NEW.seq, refusal USING ERRCODE = 'RJ005';
          END IF;
        END IF;
      ELSIF NEW.login IS NULL THEN
        NEW.login := '';
      END IF;
      NEW.account := envelope ->> 'account';
      NEW.business_date := rapport_business_date(NEW.type, envelope -> 'data');
      NEW.end_offset := last_end + octet_length(NEW.line) + 1;
      NEW.recorded_at := now();
      RETURN NEW;
    END
    $$;
    """#

  /// UPDATE, DELETE and TRUNCATE are refused for everyone, the owner included (a superuser can disable
  /// the trigger; the chain then tells, see `ChainCheck`).
  static let refuseChangeFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_journal_refuse_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      RAISE EXCEPTION 'the Rapport journal is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'RJ006', HINT = 'a correction is a new record (rapport amend, rapport retract)';
    END
    $$;
    """#

  /// After each INSERT statement, `NOTIFY rapport_journal` with the last seq it wrote (delivered when
  /// the transaction commits, never for one rolled back).
  static let notifyFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_journal_notify() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    DECLARE
      last bigint := (SELECT max(seq) FROM inserted);
    BEGIN
      IF last IS NOT NULL THEN
        PERFORM pg_notify('rapport_journal', last::text);
      END IF;
      RETURN NULL;
    END
    $$;
    """#

  /// The channel the journal's commits are announced on.
  public static let channel = "rapport_journal"

  static let triggers = #"""
    DROP TRIGGER IF EXISTS rapport_journal_check ON rapport_journal;
    CREATE TRIGGER rapport_journal_check BEFORE INSERT ON rapport_journal
      FOR EACH ROW EXECUTE FUNCTION rapport_journal_check();
    DROP TRIGGER IF EXISTS rapport_journal_no_update ON rapport_journal;
    CREATE TRIGGER rapport_journal_no_update BEFORE UPDATE ON rapport_journal
      FOR EACH STATEMENT EXECUTE FUNCTION rapport_journal_refuse_change();
    DROP TRIGGER IF EXISTS rapport_journal_no_delete ON rapport_journal;
    CREATE TRIGGER rapport_journal_no_delete BEFORE DELETE ON rapport_journal
      FOR EACH STATEMENT EXECUTE FUNCTION rapport_journal_refuse_change();
    DROP TRIGGER IF EXISTS rapport_journal_no_truncate ON rapport_journal;
    CREATE TRIGGER rapport_journal_no_truncate BEFORE TRUNCATE ON rapport_journal
      FOR EACH STATEMENT EXECUTE FUNCTION rapport_journal_refuse_change();
    DROP TRIGGER IF EXISTS rapport_journal_notify ON rapport_journal;
    CREATE TRIGGER rapport_journal_notify AFTER INSERT ON rapport_journal
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION rapport_journal_notify();
    DROP TRIGGER IF EXISTS rapport_journal_grant_member ON rapport_journal;
    CREATE TRIGGER rapport_journal_grant_member AFTER INSERT ON rapport_journal
      FOR EACH ROW WHEN (NEW.type = 'member.added') EXECUTE FUNCTION rapport_journal_grant_member();
    DROP TRIGGER IF EXISTS rapport_journal_head_no_change ON rapport_journal_head;
    CREATE TRIGGER rapport_journal_head_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON rapport_journal_head
      FOR EACH STATEMENT EXECUTE FUNCTION rapport_journal_refuse_change();
    """#
}
