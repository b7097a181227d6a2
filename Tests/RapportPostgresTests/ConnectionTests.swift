import RapportPostgres
import XCTest

/// The connection's own behaviour, apart from the journal: messages, passwords, parameters, COPY bytes.
final class ConnectionTests: XCTestCase {
  func testPasswordsAreRedactedFromEveryFormOfConnectionString() {
    XCTAssertEqual(
      ConnectionString.redacted("postgresql://alice:s3cr%40t@db.example.com:5432/rapport?sslmode=require"),
      "postgresql://alice:***@db.example.com:5432/rapport?sslmode=require")
    XCTAssertEqual(
      ConnectionString.redacted("postgres://alice@db/rapport?password=hunter2&sslmode=verify-full"),
      "postgres://alice@db/rapport?password=***&sslmode=verify-full")
    XCTAssertEqual(
      ConnectionString.redacted("host=db user=alice password = 'it\\'s secret' dbname=rapport"),
      "host=db user=alice password =*** dbname=rapport")
    XCTAssertEqual(ConnectionString.redacted("host=/tmp/socket dbname=rapport"), "host=/tmp/socket dbname=rapport")
  }

  func testTheStatusLineNamesTheDatabaseAndHostNeverThePassword() {
    XCTAssertEqual(
      ConnectionString.label("postgresql://alice:hunter2@db1.example.com,db2.example.com/crm?sslmode=require"),
      "crm@db1.example.com")
    XCTAssertEqual(ConnectionString.label("host=/tmp/rapport-pg.x/socket port=5432 dbname=rapport user=bob"), "rapport")
    XCTAssertEqual(ConnectionString.label("postgres://alice@db.example.com"), "alice@db.example.com")
    XCTAssertNil(ConnectionString.label("host='unterminated"))
  }

  func testAFailedConnectionSaysWhereWithoutThePassword() {
    do {
      _ = try PostgresConnection("postgresql://alice:hunter2@/rapport?host=/nonexistent-rapport-socket")
      XCTFail("connected to a socket that does not exist")
    } catch {
      XCTAssertTrue(error.connectionLost)
      XCTAssertFalse(error.description.contains("hunter2"), error.description)
      XCTAssertTrue(
        error.description.hasPrefix("could not connect to postgresql://alice:***@/rapport"), error.description)
    }
  }

  func testBinaryCopyDecodesTheSameRowsWhateverTheChunks() throws {
    var stream = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    for (seq, line) in [("1", #"{"a":"\\ é"}"#), ("2", "")] {
      stream += [0, 2]
      for field in [seq, line] {
        let bytes = Array(field.utf8)
        stream += withUnsafeBytes(of: UInt32(bytes.count).bigEndian, Array.init) + bytes
      }
    }
    stream += [0, 1, 0xFF, 0xFF, 0xFF, 0xFF]  // one NULL field
    stream += [0xFF, 0xFF]
    for size in [1, 3, 7, stream.count] {
      var decoder = CopyBinaryDecoder()
      var rows: [[String?]] = []
      var offset = 0
      while offset < stream.count {
        let chunk = Array(stream[offset..<min(offset + size, stream.count)])
        try decoder.feed(chunk) { fields in rows.append(fields.map { $0.map { String(decoding: $0, as: UTF8.self) } }) }
        offset += size
      }
      XCTAssertEqual(rows, [["1", #"{"a":"\\ é"}"#], ["2", ""], [nil]], "chunks of \(size)")
      XCTAssertTrue(decoder.finished)
    }
  }
}
