import RapportDomain

/// How to read a file.
public struct ImportOptions: Sendable, Equatable {
  /// `--map FIELD=COLUMN`: the column for a field, whatever the header says; "" leaves the field out.
  public var overrides: [ImportField: String]
  /// The tier of new accounts whose row gives none (HubSpot and Salesforce exports have no tier).
  public var defaultTier: Int
  /// The separator, when not found from the header line.
  public var separator: UInt8?

  public init(overrides: [ImportField: String] = [:], defaultTier: Int = 3, separator: UInt8? = nil) {
    self.overrides = overrides
    self.defaultTier = defaultTier
    self.separator = separator
  }
}
