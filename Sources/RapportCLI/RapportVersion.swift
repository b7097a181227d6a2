import RapportCheckpoint

/// What `rapport --version` prints: the release and this executable's build (its GNU build id, the
/// same identity a checkpoint records), so a report says exactly which program ran.
enum RapportVersion {
  /// The release, raised with each tagged release (and the Debian package's version).
  static let number = "0.9.0"

  static var description: String { "rapport \(number) (\(BuildIdentity.current))" }
}
