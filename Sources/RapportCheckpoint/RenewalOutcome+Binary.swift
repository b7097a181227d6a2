import RapportDomain

extension RenewalOutcome {
  func write(to writer: inout BinaryWriter) {
    meta.write(to: &writer)
    writer.symbol(result.rawValue)
    writer.day(date)
    writer.optionalDay(renewal)
    writer.optionalDay(nextRenewal)
    writer.bool(value != nil)
    if let value { writer.signed(value.cents) }
    writer.bool(termMonths != nil)
    if let termMonths { writer.int(termMonths) }
    writer.optionalSymbol(reason)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let meta = try EntryMeta(reading: &reader)
    let name = try reader.symbol()
    guard let result = Result(rawValue: name) else { throw .corrupt("unknown renewal outcome \(name)") }
    let recorded = Event.RenewalRecorded(
      result: result, date: try reader.day(), renewal: try reader.optionalDay(),
      nextRenewal: try reader.optionalDay(), value: try reader.bool() ? Money(cents: try reader.signed()) : nil,
      termMonths: try reader.bool() ? try reader.int() : nil, reason: try reader.optionalSymbol())
    self.init(meta: meta, recorded)
  }
}
