import RapportDomain
import RapportExchange
import RapportJournal
import XCTest

func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Day {
  guard let parsed = Day(iso: text) else {
    XCTFail("not a day: \(text)", file: file, line: line)
    return Day(number: 0)
  }
  return parsed
}

/// Who acts and when in these tests: a fixed day, at noon UTC of it (a write's today is never after the
/// clock's date), so that no test depends on the day it runs.
let testContext: Context = {
  let today = Day(iso: "2026-12-31") ?? Day(number: 0)
  return Context(now: Timestamp(milliseconds: Int64(today.number) * 86_400_000 + 43_200_000), today: today, user: "ana")
}()

extension Desk {
  /// Performs `command` as this desk's user on the tests' day.
  @discardableResult
  mutating func perform(_ command: Command) throws -> Journal.AppendOutcome {
    try perform(command, in: context)
  }

  @discardableResult
  mutating func perform(batch commands: [Command]) throws -> Journal.AppendOutcome {
    try perform(batch: commands, in: context)
  }

  @discardableResult
  mutating func perform(planning plan: (Book) throws -> [Command]) throws -> Journal.AppendOutcome {
    try perform(planning: plan, in: context)
  }

  private var context: Context { Context(now: testContext.now, today: testContext.today, user: user) }
}

/// A book built from commands, each validated and folded in as a journal would (no file).
struct BookBuilder {
  private(set) var book = Book()
  private var seq = 0

  init() {
    append([EventDraft(type: Record.genesisType, data: JSONObject([("schema", .number(1))]))])
  }

  mutating func run(_ command: Command, file: StaticString = #filePath, line: UInt = #line) {
    do {
      append(try command.drafts(in: book, context: testContext))
    } catch {
      XCTFail("\(command) refused: \(error)", file: file, line: line)
    }
  }

  /// Runs every command of a plan, as the import would append them.
  mutating func run(_ commands: [Command], file: StaticString = #filePath, line: UInt = #line) {
    for command in commands { run(command, file: file, line: line) }
  }

  mutating func addAccount(_ slug: String, name: String, tier: Int = 1, owner: String? = "ana") {
    run(.addAccount(slug: slug, profile: AccountProfile(name: name, tier: tier, owner: owner)))
  }

  private mutating func append(_ drafts: [EventDraft]) {
    for draft in drafts {
      seq += 1
      book.apply(
        Record(
          schema: 1, seq: seq, id: draft.id, recordedAt: Timestamp(milliseconds: 1_795_000_000_000), recordedBy: "ana",
          type: draft.type, account: draft.account, data: draft.data, batch: nil, hash: "", offset: 0))
    }
  }
}

/// Reads `text` as a file of `kind` and plans it against `book`, failing the test when the file itself
/// is refused.
func plan(
  _ kind: ImportKind, _ text: String, against book: Book, name: String = "in.csv",
  options: ImportOptions = ImportOptions(), file: StaticString = #filePath, line: UInt = #line
) throws -> ImportPlan {
  do {
    let input = try ImportFile(Array(text.utf8), name: name, kind: kind, options: options)
    var plan = input.plan(against: book)
    plan.check(against: book, in: testContext)
    return plan
  } catch {
    XCTFail("file refused: \(error)", file: file, line: line)
    throw error
  }
}

/// The problems that stop a file at its header (or before).
func fileProblems(_ kind: ImportKind, _ text: String, options: ImportOptions = ImportOptions()) -> [ImportProblem] {
  do {
    _ = try ImportFile(Array(text.utf8), name: "in.csv", kind: kind, options: options)
    return []
  } catch {
    return error.problems
  }
}
