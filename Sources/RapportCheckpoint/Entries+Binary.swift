import RapportDomain
import RapportJournal

// The checkpoint codec of every entry an account holds: one `write(to:)` and one `init(reading:)` per
// type, field by field in declaration order. Names that repeat (users, owners, participants) are
// symbols; free text (summaries, comments) goes to the text block beside the symbols.

/// Enumerations as their position in `allCases`, from tables built once (a synthesised `allCases`
/// builds a new array on every call).
enum CaseTables {
  static let stages = Stage.allCases
  static let severities = Severity.allCases
  static let kinds = TouchpointKind.allCases

  static func index<T: Equatable>(of value: T, in table: [T]) -> UInt8 {
    UInt8(table.firstIndex(of: value) ?? 0)
  }

  static func value<T>(_ index: UInt8, in table: [T], _ name: String) throws(CheckpointError) -> T {
    guard Int(index) < table.count else { throw .corrupt("unknown \(name) \(index)") }
    return table[Int(index)]
  }
}

extension Stage {
  func write(to writer: inout BinaryWriter) { writer.byte(CaseTables.index(of: self, in: CaseTables.stages)) }
  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self = try CaseTables.value(try reader.byte(), in: CaseTables.stages, "stage")
  }
}

extension EntryMeta {
  func write(to writer: inout BinaryWriter) {
    writer.count(seq)
    writer.user(userNumber)
    writer.signed(recordedAt.milliseconds)
    writer.byte((isRetracted ? 1 : 0) | (isAmended ? 2 : 0))
    if let retraction {
      writer.count(retraction.seq)
      writer.optionalText(retraction.reason)
      writer.symbol(retraction.by)
    }
    if isAmended { writer.ints(amendments) }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let seq = try reader.index()
    let user = try reader.user()
    self.init(seq: seq, user: user, recordedAt: Timestamp(milliseconds: try reader.signed()))
    let flags = try reader.byte()
    guard flags < 4 else { throw .corrupt("unknown entry flags \(flags)") }
    if flags & 1 != 0 {
      retraction = Retraction(seq: try reader.index(), reason: try reader.optionalText(), by: try reader.symbol())
    }
    if flags & 2 != 0 { amendments = try reader.ints() }
  }
}

extension Contact {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.symbol(name)
    writer.optionalSymbol(role)
    writer.optionalSymbol(email)
    writer.bool(isSponsor)
    writer.day(day)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      name: try reader.symbol(),
      role: try reader.optionalSymbol(),
      email: try reader.optionalSymbol(),
      isSponsor: try reader.bool(),
      day: try reader.day())
  }
}

extension OwnerChange {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.optionalSymbol(from)
    writer.optionalSymbol(to)
    writer.bool(isHandoff)
    writer.optionalText(note)
    writer.day(day)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader), from: try reader.optionalSymbol(), to: try reader.optionalSymbol(),
      isHandoff: try reader.bool(), note: try reader.optionalText(), day: try reader.day())
  }
}

extension StageChange {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.bool(from != nil)
    from?.write(to: &writer)
    to.write(to: &writer)
    writer.day(day)
    writer.optionalText(reason)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let meta = try EntryMeta(reading: &reader)
    let from = try reader.bool() ? try Stage(reading: &reader) : nil
    self.init(
      meta: meta, from: from, to: try Stage(reading: &reader), day: try reader.day(), reason: try reader.optionalText())
  }
}

extension ValueChange {
  func write(to writer: inout BinaryWriter) {
    writer.day(day)
    writer.bool(value != nil)
    if let value { writer.signed(value.cents) }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let day = try reader.day()
    self.init(day: day, value: try reader.bool() ? Money(cents: try reader.signed()) : nil)
  }
}

extension Standup {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.day(day)
    writer.optionalSymbol(owner)
    writer.symbols(discussed)
    writer.symbols(skipped)
    writer.ints(actions)
    writer.optionalSymbol(started)
    writer.symbols(notReached)
    writer.notes(notes)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      day: try reader.day(),
      owner: try reader.optionalSymbol(),
      discussed: try reader.symbols(),
      skipped: try reader.symbols(),
      actions: try reader.ints(),
      started: try reader.optionalSymbol(),
      notReached: try reader.symbols(),
      notes: try reader.notes())
  }
}

extension OpenStandup {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.symbol(id)
    writer.day(day)
    writer.optionalSymbol(owner)
    writer.symbols(agenda)
    writer.bool(all)
    writer.symbols(discussed)
    writer.symbols(skipped)
    writer.notes(notes)
    writer.ints(actions)
    writer.count(lastChange)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader), id: try reader.symbol(), day: try reader.day(),
      owner: try reader.optionalSymbol(), agenda: try reader.symbols(), all: try reader.bool(),
      discussed: try reader.symbols(), skipped: try reader.symbols(), notes: try reader.notes(),
      actions: try reader.ints(), lastChange: try reader.index())
  }
}

extension BinaryWriter {
  /// A standup's notes by account, in account order (the same book always writes the same bytes).
  mutating func notes(_ notes: [String: String]) {
    list(notes.sorted { $0.key < $1.key }) { writer, note in
      writer.symbol(note.key)
      writer.text(note.value)
    }
  }
}

extension BinaryReader {
  mutating func notes() throws(CheckpointError) -> [String: String] {
    var notes: [String: String] = [:]
    for (slug, text) in try list({ reader throws(CheckpointError) in (try reader.symbol(), try reader.text()) }) {
      notes[slug] = text
    }
    return notes
  }
}

extension ConfigChange {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.day(day)
    writer.symbol(key)
    writer.double(value)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader), day: try reader.day(), key: try reader.symbol(), value: try reader.double()
    )
  }
}
