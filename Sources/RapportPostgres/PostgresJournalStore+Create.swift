import RapportJournal

extension PostgresJournalStore {
  /// Creates the journal in the database: installs the schema (`JournalSchema.install`, as the
  /// connecting role, who must own the database and have CREATEROLE) and appends the journal's
  /// `journal.created` record by `user`, the very line a file journal's first record would be.
  ///
  /// A database that already holds a journal is refused with `JournalError.alreadyExists`, nothing
  /// changed. The schema and the first record are two transactions: should the second fail, the
  /// schema stands empty, which is no journal, and running this again completes it.
  public func create(by user: String, at time: Timestamp = .now()) throws {
    try failingAsJournalError { try checkMayInstall(on: connected()) }
    if try exists { throw JournalError.alreadyExists(path: name) }
    try failingAsJournalError {
      do {
        try JournalSchema.install(on: connected())
      } catch JournalSchemaError.alreadyHoldsRecords {
        throw JournalError.alreadyExists(path: name)
      } catch let error as JournalSchemaError {
        throw JournalError.storeRefused(path: name, message: error.description)
      }
    }
    var data = JSONObject()
    data["schema"] = .number(Double(Record.currentSchema))
    let draft = EventDraft(type: Record.genesisType, data: data)
    _ = try append(by: user, login: login, at: time) { tail in
      // Another `init` got there first.
      guard tail.lastSeq == 0 else { throw JournalError.alreadyExists(path: name) }
      return [draft]
    }
  }

  /// Refuses, naming who may, unless the session's role owns the database and may create roles
  /// (`rapport_writer`, `rapport_reader`, and the members' grants).
  private func checkMayInstall(on connection: PostgresConnection) throws {
    let found = try connection.execute(
      """
      SELECT session_user AS login, current_database() AS database, pg_get_userbyid(d.datdba) AS owner,
        pg_has_role(session_user, d.datdba, 'MEMBER') AS owns, (r.rolcreaterole OR r.rolsuper) AS creates_roles
      FROM pg_database d, pg_roles r WHERE d.datname = current_database() AND r.rolname = session_user
      """)
    let login = found.value("login") ?? "this role"
    let database = found.value("database") ?? "this database"
    let owner = found.value("owner") ?? "its owner"
    var missing: [String] = []
    if found.value("owns") != "t" { missing.append("\(login) is not the owner of database \(database) (\(owner) is)") }
    if found.value("creates_roles") != "t" {
      missing.append("\(login) may not create roles (ALTER ROLE \(login) CREATEROLE)")
    }
    guard !missing.isEmpty else { return }
    throw JournalError.storeRefused(
      path: name,
      message: "creating a journal needs the database's owner, with CREATEROLE (for the roles rapport_writer and"
        + " rapport_reader): " + missing.joined(separator: ", and ") + "; nothing was changed")
  }
}
