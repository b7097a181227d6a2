import Glibc
import RapportDomain
import RapportJournal
import RapportText

/// `--format text|json` for read commands.
enum OutputFormat: String, CaseIterable, Sendable {
  case text, json
}
