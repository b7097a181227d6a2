import Foundation
import RapportJournal
import XCTest

/// A journal read a piece at a time (as a database streams it) gives what one scan of the same
/// bytes gives: the same records, problems, position and unfinished tail, whatever the piece size.
final class JournalPieceScannerTests: JournalTestCase {
  func testPiecesOfAnySizeGiveTheOneScansOutcome() throws {
    let (journal, _) = try makeJournal(records: 6)
    _ = try append((7...11).map { note($0) }, to: journal, minute: 7)
    _ = try append([note(12)], to: journal, minute: 8)
    _ = try append((13...15).map { note($0) }, to: journal, minute: 9)
    let whole = try contents(of: journal.path)
    // A damaged line in the middle of the first batch, and the second batch cut short.
    var bytes = whole
    let lines = whole.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    let damagedStart = lines[..<7].reduce(0) { $0 + $1.count + 1 } + 20
    bytes[damagedStart] = bytes[damagedStart] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
    let cut = lines[..<13].reduce(0) { $0 + $1.count + 1 }
    for sample in [whole, Array(bytes[..<cut])] {
      var expected: [Record] = []
      let once = try sample.withUnsafeBytes {
        try JournalScanner.scan($0, from: .start, path: "j") { expected.append($0) }
      }
      for pieceBytes in [1, 150, 400, 1_000, 1 << 20] {
        var scanner = JournalPieceScanner(path: "j", from: .start, pieceBytes: pieceBytes)
        var read: [Record] = []
        for line in sample.split(separator: 0x0A) { try scanner.take(line: line) { read.append($0) } }
        let outcome = try scanner.finish { read.append($0) }
        XCTAssertEqual(read, expected, "pieces of \(pieceBytes) bytes")
        XCTAssertEqual(outcome, once, "pieces of \(pieceBytes) bytes")
      }
    }
  }

  func testNothingAtAllIsNotAJournal() {
    var scanner = JournalPieceScanner(path: "db", from: .start)
    XCTAssertThrowsError(try scanner.finish { _ in }) { error in
      XCTAssertEqual(error as? JournalError, .notAJournal(path: "db", detail: "it holds no records"))
    }
  }
}
