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

extension Touchpoint {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.byte(CaseTables.index(of: kind, in: CaseTables.kinds))
    writer.day(date)
    writer.sharedSymbols(participants)
    // Free text goes to the checkpoint's text block, each stored text once.
    writer.packed(summaryText)
    writer.optionalPacked(outcomeText)
    writer.bool(isMeaningful)
    writer.optionalSymbol(closes?.rawValue)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      kind: try CaseTables.value(try reader.byte(), in: CaseTables.kinds, "touchpoint kind"),
      date: try reader.day(),
      participants: try reader.sharedSymbols(),
      summaryText: try reader.packed(),
      outcomeText: try reader.optionalPacked(),
      isMeaningful: try reader.bool(),
      closes: try reader.optionalSymbol().flatMap(PlayCode.init(rawValue:)))
  }
}

extension NPSResponse {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.int(score)
    writer.optionalSymbol(contact)
    writer.optionalPacked(packedComment)
    writer.day(date)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      score: try reader.int(),
      contact: try reader.optionalSymbol(),
      packedComment: try reader.optionalPacked(),
      date: try reader.day())
  }
}

extension UsageSample {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.double(value)
    writer.day(date)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      value: try reader.double(),
      date: try reader.day())
  }
}

extension Ticket {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.symbol(ticket)
    writer.byte(CaseTables.index(of: severity, in: CaseTables.severities))
    writer.day(opened)
    writer.bool(closing != nil)
    if let closing {
      writer.day(closing.day)
      closing.meta.write(to: &writer)
    }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      ticket: try reader.symbol(),
      severity: try CaseTables.value(try reader.byte(), in: CaseTables.severities, "severity"),
      opened: try reader.day(),
      closing: try reader.bool() ? Closing(day: try reader.day(), meta: try EntryMeta(reading: &reader)) : nil)
  }
}

extension Criterion {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.int(number)
    writer.packed(packedText)
    writer.optionalDay(target)
    writer.day(added)
    writer.bool(meeting != nil)
    if let meeting {
      writer.day(meeting.day)
      meeting.meta.write(to: &writer)
    }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      number: try reader.int(),
      packedText: try reader.packed(),
      target: try reader.optionalDay(),
      added: try reader.day(),
      meeting: try reader.bool() ? Meeting(day: try reader.day(), meta: try EntryMeta(reading: &reader)) : nil)
  }
}

extension ValueNote {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.packed(packedText)
    writer.day(date)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      packedText: try reader.packed(),
      date: try reader.day())
  }
}

extension ScheduledQBR {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.day(date)
    writer.day(scheduledOn)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      date: try reader.day(),
      scheduledOn: try reader.day())
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

extension TaskItem {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.symbol(account)
    writer.packed(packedText)
    writer.day(due)
    writer.day(created)
    writer.optionalSymbol(owner)
    writer.optionalInt(followsTouchpoint)
    writer.bool(completion != nil)
    if let completion {
      writer.day(completion.day)
      completion.meta.write(to: &writer)
    }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init(
      meta: try EntryMeta(reading: &reader),
      account: try reader.symbol(),
      packedText: try reader.packed(),
      due: try reader.day(),
      created: try reader.day(),
      owner: try reader.optionalSymbol(),
      followsTouchpoint: try reader.optionalInt(),
      completion: try reader.bool() ? Completion(day: try reader.day(), meta: try EntryMeta(reading: &reader)) : nil)
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
