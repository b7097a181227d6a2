/// The editable facts of an account; nil means "not given" (for `set`, "leave as it is").
public struct AccountProfile: Sendable, Equatable {
  public var name: String?
  public var tier: Int?
  public var stage: Stage?
  public var owner: String?
  public var manager: String?
  public var signed: Day?
  public var renewal: Day?
  public var value: Money?

  public init(
    name: String? = nil, tier: Int? = nil, stage: Stage? = nil, owner: String? = nil, manager: String? = nil,
    signed: Day? = nil, renewal: Day? = nil, value: Money? = nil
  ) {
    self.name = name
    self.tier = tier
    self.stage = stage
    self.owner = owner
    self.manager = manager
    self.signed = signed
    self.renewal = renewal
    self.value = value
  }
}
