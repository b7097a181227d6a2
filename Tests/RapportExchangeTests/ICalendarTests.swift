import Foundation
import RapportDomain
import RapportExchange
import RapportJournal
import XCTest

/// RFC 5545 writing: escaping, folding at 75 octets, CRLF, and the calendar of plays and QBRs.
final class ICalendarTests: XCTestCase {
  func testTextEscaping() {
    XCTAssertEqual(ICalendar.text("a,b;c\\d"), "a\\,b\\;c\\\\d")
    XCTAssertEqual(ICalendar.text("one\r\ntwo\nthree\rfour"), "one\\ntwo\\nthree\\nfour")
    XCTAssertEqual(ICalendar.text("bell\u{07}\u{1B}[31m red\ttab"), "bell[31m red tab")
  }

  func testShortLinesAreNotFoldedAndEndInCRLF() {
    XCTAssertEqual(ICalendar.folded("SUMMARY:QBR"), "SUMMARY:QBR\r\n")
  }

  func testLongLinesFoldAt75OctetsWithoutSplittingCharacters() {
    let line = "SUMMARY:" + String(repeating: "é", count: 60) + String(repeating: "🚀", count: 20) + "end"
    let folded = ICalendar.folded(line)
    XCTAssertTrue(folded.hasSuffix("\r\n"))
    // "\r\n" is one Character: dropLast() drops the final line end.
    let physical = String(folded.dropLast()).components(separatedBy: "\r\n")
    XCTAssertEqual(physical.count, 3, "211 octets: 75, then 74 + a space, then the rest")
    for (index, part) in physical.enumerated() {
      XCTAssertLessThanOrEqual(part.utf8.count, 75, "line \(index) is \(part.utf8.count) octets")
      if index > 0 { XCTAssertTrue(part.hasPrefix(" ")) }
      XCTAssertNotNil(String(validating: Array(part.utf8), as: UTF8.self))
    }
    // Unfolding gives the line back.
    XCTAssertEqual(
      physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined(), line)
  }

  func testDatesAndTimes() {
    XCTAssertEqual(ICalendar.date(day("2027-01-05")), "20270105")
    XCTAssertEqual(
      ICalendar.dateTime(Timestamp(parsing: "2026-11-23T09:30:05.250Z") ?? Timestamp(milliseconds: 0)),
      "20261123T093005Z")
  }

  func testCalendarOfPlaysAndQBRs() {
    var builder = BookBuilder()
    builder.addAccount("acme", name: "Acme, Inc; \"the big one\"")
    builder.run(.scheduleQBR(slug: "acme", date: day("2026-12-10")))
    builder.run(.scheduleQBR(slug: "acme", date: day("2026-01-10")))
    builder.run(.addTask(slug: "acme", text: "Call the CFO", due: day("2026-11-20"), owner: "bo"))
    let today = day("2026-11-23")
    let plays = PlayBook(book: builder.book, today: today, config: builder.book.config()).allPlays()
    XCTAssertFalse(plays.isEmpty)
    let now = Timestamp(milliseconds: 1_795_000_000_000)
    let text = CalendarExport.make(book: builder.book, plays: plays, today: today, now: now)
    XCTAssertTrue(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
    XCTAssertTrue(text.hasSuffix("END:VCALENDAR\r\n"))
    XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
    let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
    XCTAssertEqual(unfolded.components(separatedBy: "BEGIN:VEVENT").count - 1, 1, "only the QBR still ahead")
    XCTAssertEqual(unfolded.components(separatedBy: "BEGIN:VTODO").count - 1, plays.count)
    XCTAssertTrue(unfolded.contains("SUMMARY:QBR: Acme\\, Inc\\; \"the big one\"\r\n"))
    XCTAssertTrue(unfolded.contains("DTSTART;VALUE=DATE:20261210\r\nDTEND;VALUE=DATE:20261211\r\n"))
    XCTAssertTrue(unfolded.contains("SUMMARY:Acme\\, Inc\\; \"the big one\": Call the CFO"))
    let uids = unfolded.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
    XCTAssertEqual(Set(uids).count, uids.count, "UIDs are unique")
    XCTAssertEqual(unfolded.components(separatedBy: "DTSTAMP:\(ICalendar.dateTime(now))\r\n").count - 1, uids.count)
    let events = CalendarExport.make(
      book: builder.book, plays: plays, today: today, now: Timestamp(milliseconds: 1_795_000_000_000), style: .events)
    XCTAssertEqual(events.components(separatedBy: "BEGIN:VEVENT").count - 1, plays.count + 1)
    // The same book exported later keeps its UIDs, so a calendar updates its entries.
    let later = CalendarExport.make(
      book: builder.book, plays: plays, today: today, now: Timestamp(milliseconds: 1_796_000_000_000))
    XCTAssertEqual(later.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }, uids)
  }
}
