/// The few facts of a touchpoint that the rules read, in a plain value with no strings, kept beside
/// `Account.touchpoints`: boards scan every account's touchpoints several times, and copying the full
/// structs (summary, participants...) made reference counting most of the cost.
public struct TouchFacts: Sendable, Equatable, MappableEntry {
  public var date: Day
  public var kind: TouchpointKind
  public var isMeaningful: Bool
  public var isRetracted: Bool
  public var closes: PlayCode?

  package init(_ touchpoint: Touchpoint) {
    date = touchpoint.date
    kind = touchpoint.kind
    isMeaningful = touchpoint.isMeaningful
    isRetracted = touchpoint.meta.isRetracted
    closes = touchpoint.closes
  }
}
