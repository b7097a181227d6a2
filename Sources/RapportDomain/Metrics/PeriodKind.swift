import RapportJournal

/// How long a reporting period is.
public enum PeriodKind: String, Sendable, CaseIterable, Codable {
  case month, quarter, year
}
