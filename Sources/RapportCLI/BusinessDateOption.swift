import ArgumentParser
import RapportDomain

/// `--date`: the day the thing happened, for the write commands whose other options name no date.
/// Relative dates (`-7d`) are taken as the value, not as an option, with or without `=`.
struct BusinessDateOption: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("When it happened (default today; never after today).", valueName: "date"))
  var date: String?

  /// The day given, or nil for today.
  func day(in session: Session) throws -> Day? {
    try date.map { try session.day($0, option: "--date") }
  }
}
