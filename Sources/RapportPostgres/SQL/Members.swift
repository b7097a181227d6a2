/// Members are database roles: a `member.added` record's `logins` name the roles that may write as
/// that member, and its role decides which of `rapport_writer` or `rapport_reader` they are granted.
///
/// Who may write as whom is read from the journal's own `member.added` records (the latest per name;
/// see `rapport_journal_refusal`), not from a table of its own: there is nothing to keep in step,
/// and nothing a superuser could change without breaking the chain.
extension JournalSchema {
  /// AFTER INSERT of a `member.added` record: grants its logins `rapport_reader` (a viewer, whose
  /// `rapport_writer` is revoked) or `rapport_writer` (a member or an admin), so that a viewer's write
  /// is refused by the server's privileges before any trigger runs. A login that is no role of the
  /// server is refused (it could never connect), except while copying a journal in.
  static let grantMemberFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_journal_grant_member() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
      data json := NEW.line::json -> 'data';
      member_login text;
    BEGIN
      FOR member_login IN SELECT json_array_elements_text(data -> 'logins') LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = member_login) THEN
          IF rapport_journal_copying() THEN
            CONTINUE;
          END IF;
          RAISE EXCEPTION 'record % refused: % is not a role of this PostgreSQL server, so member % could never write from it',
            NEW.seq, member_login, data ->> 'name'
            USING ERRCODE = 'RJ007', HINT = format('create the role first: CREATE ROLE %I LOGIN', member_login);
        END IF;
        IF data ->> 'role' = 'viewer' THEN
          EXECUTE format('REVOKE rapport_writer FROM %I', member_login);
          EXECUTE format('GRANT rapport_reader TO %I', member_login);
        ELSE
          EXECUTE format('GRANT rapport_writer TO %I', member_login);
        END IF;
      END LOOP;
      RETURN NULL;
    END
    $$;
    """#
}
