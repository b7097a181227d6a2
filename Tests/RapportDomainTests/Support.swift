import RapportDomain
import RapportJournal
import XCTest

/// A day from `YYYY-MM-DD`; fails the test on a typo.
func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Day {
  guard let parsed = Day(iso: text) else {
    XCTFail("not a day: \(text)", file: file, line: line)
    return Day(number: 0)
  }
  return parsed
}

/// Noon UTC of `day`: the same local day in every time zone from UTC−11 to UTC+11.
func noon(_ day: Day) -> Timestamp { Timestamp(milliseconds: Int64(day.number) * 86_400_000 + 43_200_000) }

/// An amendment's `changes`.
func changes(_ pairs: (String, JSONValue)...) -> JSONObject { JSONObject(pairs) }

/// The day these tests take as today unless they say otherwise: fixed, so that no test depends on the
/// day it runs.
let testToday = Day(iso: "2026-11-23") ?? Day(number: 0)

extension Desk {
  /// Performs `command` as this desk's user on `testToday`, at the wall clock's time (which no rule reads).
  @discardableResult
  mutating func perform(_ command: Command, today: Day = testToday) throws -> Journal.AppendOutcome {
    try perform(command, in: Context(now: .now(), today: today, user: user))
  }
}

/// Why `command` is refused against `book`, or nil when it is accepted.
func refusal(_ command: Command, in book: Book, by user: String = "ana", today: Day = testToday) -> DomainError? {
  do {
    _ = try command.drafts(in: book, context: Context(now: noon(today), today: today, user: user))
    return nil
  } catch {
    return error
  }
}

/// A journal without a file: commands become drafts validated against the book, drafts become records
/// (increasing seq, recorded at noon of `today`, empty hash) folded into the book as a journal would.
struct Ledger {
  private(set) var book: Book
  private(set) var records: [Record] = []
  /// The day the next records are recorded on.
  var today: Day
  var user: String

  init(today: Day, user: String = "ana", asOf cutoff: Day? = nil) {
    self.today = today
    self.user = user
    book = Book(asOf: cutoff)
    append([EventDraft(type: Record.genesisType, data: JSONObject([("schema", .number(1))]))], by: user)
  }

  var lastSeq: Int { records.last?.seq ?? 0 }

  /// Validates and records `command`; returns its records (several for a batch).
  ///
  /// A ledger writes a whole history from one recording day: an event dated after `today` is validated
  /// on its own day (as if logged that day), so that a fixture can build a book and read it later. That
  /// the domain refuses what is dated after its today is tested through `refusal(_:in:)`.
  @discardableResult
  mutating func run(_ command: Command, by actor: String? = nil) throws(DomainError) -> [Record] {
    var context = Context(now: noon(today), today: today, user: actor ?? user)
    while true {
      do throws(DomainError) {
        return append(try command.drafts(in: book, context: context), by: actor ?? user)
      } catch .inTheFuture(_, let day, _) where day > context.today {
        context.today = day
        context.now = noon(day)
      }
    }
  }

  /// `run`, for commands the test expects to succeed; returns the seq of the first record.
  @discardableResult
  mutating func must(_ command: Command, by actor: String? = nil, file: StaticString = #filePath, line: UInt = #line)
    -> Int
  {
    do {
      let records = try run(command, by: actor)
      XCTAssertFalse(records.isEmpty, "no records for \(command)", file: file, line: line)
      return records.first?.seq ?? -1
    } catch {
      XCTFail("\(command) refused: \(error)", file: file, line: line)
      return -1
    }
  }

  @discardableResult
  mutating func append(_ drafts: [EventDraft], by actor: String, at time: Timestamp? = nil) -> [Record] {
    var made: [Record] = []
    for (index, draft) in drafts.enumerated() {
      let record = Record(
        schema: Record.currentSchema, seq: lastSeq + 1, id: draft.id, recordedAt: time ?? noon(today),
        recordedBy: actor, type: draft.type, account: draft.account, data: draft.data,
        batch: drafts.count > 1 ? (index + 1, drafts.count) : nil, hash: "", offset: 0)
      records.append(record)
      book.apply(record)
      made.append(record)
    }
    return made
  }

  /// Adds an account with a tier and an optional owner; returns the seq of its record.
  @discardableResult
  mutating func addAccount(
    _ slug: String = "acme", name: String = "Acme Corp", tier: Int = 1, owner: String? = "bo",
    file: StaticString = #filePath, line: UInt = #line
  ) -> Int {
    must(.addAccount(slug: slug, profile: AccountProfile(name: name, tier: tier, owner: owner)), file: file, line: line)
  }

  /// Logs a touchpoint; returns its seq.
  @discardableResult
  mutating func touch(
    _ kind: TouchpointKind = .call, on date: Day? = nil, summary: String = "Talked", meaningful: Bool? = nil,
    with participants: [String] = [], closes: PlayCode? = nil, slug: String = "acme", file: StaticString = #filePath,
    line: UInt = #line
  ) -> Int {
    must(
      .logTouchpoint(
        slug: slug,
        TouchpointInput(
          kind: kind, date: date ?? today, summary: summary, participants: participants, meaningful: meaningful,
          closes: closes)),
      file: file, line: line)
  }

  func account(_ slug: String = "acme", file: StaticString = #filePath, line: UInt = #line) -> Account? {
    guard let account = book.accounts[slug] else {
      XCTFail("no account \(slug)", file: file, line: line)
      return nil
    }
    return account
  }
}
