/// The journal's schema in a PostgreSQL database: its table, triggers, roles and privileges (the SQL,
/// one text per concern, is in SQL/), and `install`, which creates them.
public enum JournalSchema {
  /// Every text, in the order `install` runs them.
  static var statements: [String] {
    [
      journalTable, businessDateFunction, copyingFunction, refusalFunction, lockFunction, checkFunction,
      refuseChangeFunction, notifyFunction, grantMemberFunction, triggers, roles,
    ]
  }

  /// Creates the schema in the connection's current schema (usually `public`), in one transaction:
  /// owned by `owner` (a role the session's user is a member of; the session's user when nil), who
  /// needs CREATEROLE for `rapport_writer` and `rapport_reader` and the members' grants.
  ///
  /// Run again on an installed but empty journal, it replaces the functions and triggers with this
  /// build's; on a journal that holds records it changes nothing and throws `alreadyHoldsRecords`.
  public static func install(on connection: PostgresConnection, owner: String? = nil) throws {
    try connection.transaction {
      let encoding = try connection.execute("SELECT current_setting('server_encoding')").scalar ?? ""
      guard encoding == "UTF8" else { throw JournalSchemaError.notUTF8(encoding: encoding) }
      if let owner { try connection.execute("SET LOCAL ROLE \(try connection.identifier(owner))") }
      let exists = try connection.execute(JournalSchema.isInstalled).scalar == "t"
      if exists, let count = try connection.execute(JournalSchema.recordCount).scalar, count != "0" {
        throw JournalSchemaError.alreadyHoldsRecords(count: Int(count) ?? 0)
      }
      // The objects go to the current schema, and the functions keep this search path (SET search_path
      // FROM CURRENT), so they always find the journal's own tables, never a temporary table of the
      // same name (pg_temp last). Only the owner may create objects in that schema.
      let schema = try connection.execute("SELECT current_schema()").scalar ?? "public"
      try connection.execute("SET LOCAL search_path = \(try connection.identifier(schema)), pg_catalog, pg_temp")
      for statement in statements { try connection.run(script: statement) }
    }
  }
}

/// Why the schema was not installed.
public enum JournalSchemaError: Error, Equatable, CustomStringConvertible {
  case alreadyHoldsRecords(count: Int)
  case notUTF8(encoding: String)

  public var description: String {
    switch self {
    case .alreadyHoldsRecords(let count):
      "this database already holds a Rapport journal of \(count) record\(count == 1 ? "" : "s"): nothing was changed"
    case .notUTF8(let encoding):
      "the database's encoding is \(encoding), not UTF8: a journal's lines are UTF-8 (CREATE DATABASE … ENCODING 'UTF8')"
    }
  }
}
