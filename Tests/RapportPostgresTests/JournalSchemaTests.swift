import RapportPostgres
import XCTest

/// Installing the schema: again on an empty journal, never over one that holds records.
final class JournalSchemaTests: PostgresTestCase {
  func testInstallingAgainOnAnEmptyJournalIsFineAndOnOneWithRecordsChangesNothing() throws {
    let owner = try connect(as: "rapport_owner")
    try JournalSchema.install(on: owner)
    _ = try journalWithMembers()
    XCTAssertThrowsError(try JournalSchema.install(on: owner)) { error in
      XCTAssertEqual(error as? JournalSchemaError, .alreadyHoldsRecords(count: 3))
      XCTAssertEqual(
        "\(error)", "this database already holds a Rapport journal of 3 records: nothing was changed")
    }
    XCTAssertEqual(try count(owner), "3")
  }

  func testWritersGetInsertAndSelectAndReadersSelectOnly() throws {
    let owner = try connect(as: "rapport_owner")
    let privileges = try owner.execute(
      """
      SELECT r, has_table_privilege(r, 'rapport_journal', 'SELECT'), has_table_privilege(r, 'rapport_journal', 'INSERT'),
        has_table_privilege(r, 'rapport_journal', 'UPDATE'), has_table_privilege(r, 'rapport_journal', 'DELETE'),
        has_function_privilege(r, 'rapport_journal_lock()', 'EXECUTE')
      FROM unnest(ARRAY['rapport_writer', 'rapport_reader']) AS r
      """)
    XCTAssertEqual(
      privileges.rows,
      [["rapport_writer", "t", "f", "f", "f", "t"], ["rapport_reader", "t", "f", "f", "f", "f"]])
    let columns = try owner.execute(
      "SELECT has_column_privilege('rapport_writer', 'rapport_journal', c, 'INSERT') FROM unnest(ARRAY['seq', 'line', 'hash']) c"
    )
    XCTAssertEqual(columns.rows, [["t"], ["t"], ["f"]])
  }
}
