import ArgumentParser
import Glibc
import RapportDomain
import RapportJournal

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The journal: a file, or a PostgreSQL URI (postgresql://…) (default: $RAPPORT_LOG, else"
        + " $XDG_DATA_HOME/rapport/journal.jsonl).", valueName: "path|uri"))
  var log: String?

  @Option(
    name: .customLong("as"),
    help: ArgumentHelp("Who is acting (default: $RAPPORT_USER, else the login name).", valueName: "user"))
  var user: String?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "The date taken as today by every rule and default date (default: $RAPPORT_TODAY, else the local date).",
      valueName: "YYYY-MM-DD"))
  var today: String?

  @Flag(
    name: .customLong("no-checkpoint"),
    help: "Fold the whole journal, neither reading nor writing the derived checkpoint (also RAPPORT_NO_CHECKPOINT=1).")
  var noCheckpoint = false

  @Flag(
    name: .customLong("read-only"),
    help: "Only read: every write command is refused, and the dashboard writes nothing (also RAPPORT_READ_ONLY=1).")
  var readOnly = false

  public init() {}

  /// Whether writes are refused: --read-only, or RAPPORT_READ_ONLY set (other than 0).
  var isReadOnly: Bool {
    if readOnly { return true }
    if let value = Environment.value("RAPPORT_READ_ONLY"), !value.isEmpty, value != "0" { return true }
    return false
  }

  /// What made the session read-only, for messages.
  var readOnlySource: String { readOnly ? "--read-only" : "RAPPORT_READ_ONLY" }

  /// Whether checkpoints are used: not with --no-checkpoint, nor with RAPPORT_NO_CHECKPOINT set (other than 0).
  var usesCheckpoints: Bool {
    if noCheckpoint { return false }
    if let value = Environment.value("RAPPORT_NO_CHECKPOINT"), !value.isEmpty, value != "0" { return false }
    return true
  }

  var journalPath: String {
    if let log { return log }
    if let path = Environment.value("RAPPORT_LOG"), !path.isEmpty { return path }
    return Environment.dataHome + "/rapport/journal.jsonl"
  }

  var userName: String {
    if let user { return user }
    if let name = Environment.value("RAPPORT_USER"), !name.isEmpty { return name }
    return Environment.loginName
  }

  func todayDay() throws(DomainError) -> Day {
    let text = today ?? Environment.value("RAPPORT_TODAY")
    guard let text, !text.isEmpty else { return Day.local(.now()) }
    guard let day = Day(iso: text), Day.acceptedRange.contains(day) else {
      throw .invalidValue(
        field: today == nil ? "RAPPORT_TODAY" : "--today", value: text,
        expected: "a date as YYYY-MM-DD from 1990-01-01 to 2100-12-31")
    }
    return day
  }
}
