import ArgumentParser
import RapportDomain
import RapportExchange

/// `--format text|json|csv` for commands that print rows.
enum TableFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
  case text, json, csv
}
