import RapportJournal

/// A database about to receive a copy of a journal: it must hold no records, and the connecting role
/// must own the journal's table (only the owner may copy lines in with the logins they were written
/// from); without the table, that role installs the schema, which takes the database's owner with
/// CREATEROLE. Each refusal says which role would do.
struct JournalCopyTarget {
  let connection: PostgresConnection
  let name: String

  /// Checks the database can take the copy, installing the schema when it has none.
  func prepare() throws {
    try JournalCopy.failing(at: name) {
      let installed = try connection.execute(JournalSchema.isInstalled).scalar == "t"
      if installed {
        try requireTableOwner()
        try requireEmpty()
      } else {
        try requireInstaller()
        // The schema's IF EXISTS statements would print notices (libpq's default) on stderr.
        try connection.execute("SET client_min_messages = warning")
        do {
          try JournalSchema.install(on: connection)
        } catch JournalSchemaError.alreadyHoldsRecords(let count) {
          // Another session installed it and wrote meanwhile.
          throw JournalCopyError.targetNotEmpty(target: name, records: count)
        } catch let error as JournalSchemaError {
          throw JournalCopyError.notAllowed(target: name, reason: error.description)
        }
      }
    }
  }

  private func requireEmpty() throws {
    guard try connection.execute(JournalSchema.holdsRecords).scalar == "t" else { return }
    let count = try connection.execute(JournalSchema.recordCount).scalar.flatMap { Int($0) } ?? 0
    throw JournalCopyError.targetNotEmpty(target: name, records: count)
  }

  private func requireTableOwner() throws {
    let row = try connection.execute(
      """
      SELECT pg_has_role(session_user, c.relowner, 'MEMBER') AS may, pg_get_userbyid(c.relowner) AS owner,
        session_user AS login
      FROM pg_class c WHERE c.oid = 'rapport_journal'::regclass
      """)
    guard row.value("may") != "t" else { return }
    let owner = row.value("owner") ?? "?"
    throw JournalCopyError.notAllowed(
      target: name,
      reason: "copying a journal in takes the owner of its table, \(owner) (the lines keep the logins they were"
        + " written from, which only the owner may do); you are connected as \(row.value("login") ?? "?"):"
        + " connect as \(owner) (user=\(owner))")
  }

  private func requireInstaller() throws {
    let row = try connection.execute(
      """
      SELECT r.rolsuper OR r.rolcreaterole AS creates_roles, pg_has_role(session_user, d.datdba, 'MEMBER') AS owns,
        pg_get_userbyid(d.datdba) AS owner, session_user AS login, current_database() AS database
      FROM pg_roles r, pg_database d WHERE r.rolname = session_user AND d.datname = current_database()
      """)
    let owner = row.value("owner") ?? "?"
    let login = row.value("login") ?? "?"
    let database = row.value("database") ?? "?"
    let needs =
      "it holds no journal yet, and installing one takes the database's owner with CREATEROLE (for the roles"
      + " rapport_writer and rapport_reader and the members' grants)"
    if row.value("owns") != "t" {
      throw JournalCopyError.notAllowed(
        target: name,
        reason: "\(needs); \(database) is owned by \(owner) and you are connected as \(login): connect as \(owner)"
          + " (user=\(owner))")
    }
    if row.value("creates_roles") != "t" {
      throw JournalCopyError.notAllowed(
        target: name,
        reason: "\(needs); \(login) owns \(database) but may not create roles: a superuser runs"
          + " ALTER ROLE \(login) CREATEROLE")
    }
  }
}
