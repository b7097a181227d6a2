import Foundation
import RapportJournal
import XCTest

/// `Journal.append(batchBy:)`: a batch streamed from a `DraftList` is byte for byte what `append`
/// writes for the same drafts, and is all or nothing.
final class JournalLargeBatchTests: JournalTestCase {
  /// Drafts with what an encoder can get wrong: escapes in ids, types, accounts and data, no account,
  /// numbers of every form.
  private func awkwardDrafts() -> [EventDraft] {
    [
      EventDraft(
        type: "usage.recorded", account: "acme",
        data: JSONObject([("value", .number(12.5)), ("date", .string("2026-11-01"))])),
      EventDraft(id: "id \"quoted\" \u{202E}", type: "note.added", account: nil, data: JSONObject()),
      EventDraft(
        type: "note.added", account: "ac\\me\u{7F}",
        data: JSONObject([
          ("text", .string("line\nbreak, tab\t, C1 \u{85}")), ("n", .number(-0.000001)), ("big", .number(1e300)),
          ("list", .array([.bool(true), .null, .number(3)])), ("nested", .object(JSONObject([("k", .string("v"))]))),
        ])),
      note(4),
    ]
  }

  func testABatchFromADraftListIsWhatAppendWritesForTheSameDrafts() throws {
    let drafts = awkwardDrafts()
    for login in ["ana", nil] as [String?] {
      for count in [1, drafts.count] {
        let streamed = try Journal.create(
          at: path("streamed-\(login ?? "none")-\(count).jsonl"), by: "ana", at: startTime)
        let whole = try Journal.create(at: path("whole-\(login ?? "none")-\(count).jsonl"), by: "ana", at: startTime)
        // The same first line in both, so that the chains agree.
        try Data(contentsOf: URL(fileURLWithPath: streamed.path)).write(to: URL(fileURLWithPath: whole.path))
        var list = DraftList()
        for draft in drafts.prefix(count) { list.append(draft) }
        let outcome = try streamed.append(batchBy: "bo", login: login, at: time(minute: 3)) { _ in list }
        let expected = try whole.append(by: "bo", login: login, at: time(minute: 3)) { _ in Array(drafts.prefix(count))
        }
        XCTAssertEqual(
          try Data(contentsOf: URL(fileURLWithPath: streamed.path)),
          try Data(contentsOf: URL(fileURLWithPath: whole.path)),
          "login \(login ?? "none"), \(count) drafts")
        XCTAssertEqual(outcome.count, count)
        XCTAssertEqual(outcome.first, expected.records.first)
        XCTAssertEqual(outcome.last, expected.records.last)
        XCTAssertEqual(outcome.end, expected.end)
        XCTAssertTrue(try streamed.verify().isSound)
      }
    }
  }

  func testADraftListGivesBackItsDrafts() {
    let drafts = awkwardDrafts()
    var list = DraftList()
    for draft in drafts { list.append(draft) }
    // Read back from the JSON they are kept as: escapes, numbers of every form, nesting and order.
    XCTAssertEqual(list.drafts, drafts)
  }

  func testALineTooLargeRefusesTheBatchBeforeAnyByteIsWritten() throws {
    let (journal, _) = try makeJournal(records: 3)
    let before = try contents(of: journal.path)
    var list = DraftList()
    for number in 4...10 { list.append(note(number)) }
    list.append(note(11, text: String(repeating: "x", count: Journal.maximumRecordBytes)))
    XCTAssertThrowsError(try journal.append(batchBy: "ana", at: time(minute: 4)) { _ in list }) { error in
      guard case JournalError.recordTooLarge = error else { return XCTFail("expected recordTooLarge, got \(error)") }
    }
    XCTAssertEqual(try contents(of: journal.path), before)
  }

  func testAnEmptyListWritesNothing() throws {
    let (journal, _) = try makeJournal(records: 2)
    let before = try contents(of: journal.path)
    let outcome = try journal.append(batchBy: "ana", at: time(minute: 4)) { _ in DraftList() }
    XCTAssertEqual(outcome.count, 0)
    XCTAssertNil(outcome.first)
    XCTAssertEqual(try contents(of: journal.path), before)
  }
}
