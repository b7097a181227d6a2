/// What a user types to log a touchpoint.
public struct TouchpointInput: Sendable, Equatable {
  public var kind: TouchpointKind
  public var date: Day
  public var summary: String
  public var participants: [String]
  public var outcome: String?
  /// Overrides the kind's default when set.
  public var meaningful: Bool?
  public var followUp: FollowUp?
  /// The play this entry is meant to close (see `PlayClosing`).
  public var closes: PlayCode?

  /// A task the touchpoint leaves behind.
  public struct FollowUp: Sendable, Equatable {
    public var text: String
    public var due: Day
    public var owner: String?

    public init(text: String, due: Day, owner: String? = nil) {
      self.text = text
      self.due = due
      self.owner = owner
    }
  }

  public init(
    kind: TouchpointKind, date: Day, summary: String, participants: [String] = [], outcome: String? = nil,
    meaningful: Bool? = nil, followUp: FollowUp? = nil, closes: PlayCode? = nil
  ) {
    self.closes = closes
    self.kind = kind
    self.date = date
    self.summary = summary
    self.participants = participants
    self.outcome = outcome
    self.meaningful = meaningful
    self.followUp = followUp
  }
}
