import Synchronization

/// The names of the people who record entries, each kept once for the whole process and referred to
/// by a number, so that an entry's `recordedBy` takes 4 bytes instead of a string (16 bytes inline,
/// plus a heap copy per entry for names longer than 15 bytes).
///
/// Numbers are only meaningful inside one process: a checkpoint writes its own numbering
/// (`PortableReferences`), which a reader relocates (`Relocation`). The table only grows, by one name
/// per distinct user a journal names.
package enum UserNames {
  private struct Table {
    var numbers: [String: UInt32] = [:]
    var names: [String] = []
  }

  private static let table = Mutex(Table())

  /// A number no name has (a damaged checkpoint's unknown user): its name is empty.
  static let nobody = UInt32.max

  /// The number of `name`, given one the first time it is seen.
  package static func number(of name: String) -> UInt32 {
    table.withLock { table in
      if let number = table.numbers[name] { return number }
      let number = UInt32(truncatingIfNeeded: table.names.count)
      table.numbers[name] = number
      table.names.append(name)
      return number
    }
  }

  /// The name numbered `number` by `number(of:)`.
  package static func name(of number: UInt32) -> String {
    table.withLock { table in Int(number) < table.names.count ? table.names[Int(number)] : "" }
  }
}
