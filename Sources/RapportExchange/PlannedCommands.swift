import RapportDomain

/// The commands of a plan, in order. Usage samples (a file may hold a million) are held as 16 bytes
/// each, their account a number into a table of slugs; any other command as itself.
public struct PlannedCommands: RandomAccessCollection, Sendable, Equatable {
  struct Usage: Sendable, Equatable {
    var slug: UInt32
    var day: Int32
    var value: Double
  }

  private var general: [Command] = []
  /// Used while every command is a usage sample.
  private var usage: [Usage] = []
  private var slugs: [String] = []
  private var slugNumbers: [String: UInt32] = [:]

  init() {}

  public var startIndex: Int { 0 }
  public var endIndex: Int { general.count + usage.count }

  public subscript(index: Int) -> Command {
    guard general.isEmpty else { return general[index] }
    let item = usage[index]
    return .recordUsage(slug: slugs[Int(item.slug)], value: item.value, date: Day(number: Int(item.day)))
  }

  mutating func append(_ command: Command) {
    if general.isEmpty, case .recordUsage(let slug, let value, let date) = command,
      let day = Int32(exactly: date.number)
    {
      usage.append(Usage(slug: number(of: slug), day: day, value: value))
      return
    }
    if !usage.isEmpty {
      general = Array(self)
      usage = []
    }
    general.append(command)
  }

  mutating func append(contentsOf commands: [Command]) { for command in commands { append(command) } }

  private mutating func number(of slug: String) -> UInt32 {
    if let number = slugNumbers[slug] { return number }
    let number = UInt32(slugs.count)
    slugs.append(slug)
    slugNumbers[slug] = number
    return number
  }

  public static func == (lhs: PlannedCommands, rhs: PlannedCommands) -> Bool { lhs.elementsEqual(rhs) }
}
