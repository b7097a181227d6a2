import Glibc
import RapportJournal
import RapportPostgres

/// The PostgreSQL server the postgres section measures against: the cluster `RAPPORT_TEST_POSTGRES`
/// names, or else a throwaway one started with Scripts/postgres-cluster.sh and stopped at the end.
/// Each run works in a database of its own, dropped at the end.
struct BenchCluster {
  /// The libpq connection string without user or database.
  let server: String
  let superuser: String
  /// The folder of the cluster this run started; nil when it was already running.
  let startedFolder: String?
  let script: String?

  /// The cluster to use: the one the environment names, or one started now.
  static func start() throws -> BenchCluster {
    if let server = environment("RAPPORT_TEST_POSTGRES"), let superuser = environment("RAPPORT_TEST_POSTGRES_SUPERUSER")
    {
      return BenchCluster(server: server, superuser: superuser, startedFolder: nil, script: nil)
    }
    guard let script = findScript() else {
      throw BenchClusterError(
        message: "Scripts/postgres-cluster.sh not found: run rapport-bench from the package's folder, or set "
          + "RAPPORT_TEST_POSTGRES and RAPPORT_TEST_POSTGRES_SUPERUSER")
    }
    guard let pipe = popen("bash '\(script)' start", "r") else {
      throw BenchClusterError(message: "could not run \(script)")
    }
    var exports: [String: String] = [:]
    var buffer = [CChar](repeating: 0, count: 4096)
    while fgets(&buffer, Int32(buffer.count), pipe) != nil {
      let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      // export NAME='VALUE'
      guard line.hasPrefix("export "), let equals = line.firstIndex(of: "=") else { continue }
      let name = String(line[line.index(line.startIndex, offsetBy: 7)..<equals])
      let value = line[line.index(after: equals)...].trimmingCharacters(in: "'\n")
      exports[name] = value
    }
    let status = pclose(pipe)
    guard status == 0, let server = exports["RAPPORT_TEST_POSTGRES"],
      let superuser = exports["RAPPORT_TEST_POSTGRES_SUPERUSER"], let folder = exports["RAPPORT_TEST_POSTGRES_DIR"]
    else {
      throw BenchClusterError(message: "\(script) start failed (status \(status))")
    }
    return BenchCluster(server: server, superuser: superuser, startedFolder: folder, script: script)
  }

  /// Stops the cluster this run started (and removes its folder); leaves any other running.
  func stop() {
    guard let startedFolder, let script else { return }
    _ = ProcessRun.shell("bash '\(script)' stop '\(startedFolder)' > /dev/null")
  }

  /// A connection as `user` to `database`.
  func connect(as user: String, to database: String) throws -> PostgresConnection {
    try PostgresConnection(connectionString(user: user, database: database))
  }

  func connectionString(user: String, database: String) -> String {
    "\(server) user=\(user) dbname=\(database)"
  }

  /// A new database owned by `rapport_owner`, the journal's schema installed in it by that role.
  func createJournalDatabase() throws -> String {
    let name = "rapport_bench_\(EventDraft.newID().prefix(8))"
    let admin = try connect(as: superuser, to: "postgres")
    defer { admin.close() }
    try admin.execute("CREATE DATABASE \(name) OWNER rapport_owner")
    let owner = try connect(as: "rapport_owner", to: name)
    defer { owner.close() }
    // The installer's notices ("trigger … does not exist, skipping") are not the benchmark's figures.
    try owner.execute("SET client_min_messages = warning")
    try JournalSchema.install(on: owner)
    return name
  }

  func drop(_ database: String) {
    guard let admin = try? connect(as: superuser, to: "postgres") else { return }
    _ = try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    admin.close()
  }

  /// Makes the throwaway cluster as durable as a production server, so its appends compare with the
  /// file's, which are flushed to disk: the script starts it with fsync and synchronous commit off
  /// on the command line (for the tests' speed), which no configuration file overrides, so it is
  /// restarted with the same options but those. A cluster this run did not start is left as it is.
  func makeDurable() throws {
    guard let startedFolder else { return }
    let options =
      "-c listen_addresses='' -c unix_socket_directories='\(startedFolder)/socket' -p 5432 -c max_connections=100"
    let asOwner = geteuid() == 0 ? "runuser -u postgres -- " : ""
    let pgctl = "$(ls /usr/lib/postgresql/15/bin/pg_ctl /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | head -1)"
    let restart = ProcessRun.shell(
      "\(asOwner)\(pgctl) -D '\(startedFolder)/data' -l '\(startedFolder)/server.log' -w -t 60 -m fast"
        + " -o \"\(options)\" restart > /dev/null")
    guard restart.status == 0 else {
      throw BenchClusterError(message: "could not restart the cluster in \(startedFolder) with fsync on")
    }
  }

  /// The server's version and durability settings, for the report.
  func settings() throws -> String {
    let admin = try connect(as: superuser, to: "postgres")
    defer { admin.close() }
    let row = try admin.execute(
      "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')")
    let values = row.rows.first ?? []
    guard values.count == 3 else { return "unknown" }
    return "PostgreSQL \(values[0] ?? "?"), fsync \(values[1] ?? "?"), synchronous_commit \(values[2] ?? "?")"
      + (startedFolder == nil ? " (the cluster RAPPORT_TEST_POSTGRES names)" : " (a cluster of its own, unix socket)")
  }

  private static func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }

  /// Scripts/postgres-cluster.sh in the current folder, or in the package this executable was built in
  /// (`.build/<configuration>/rapport-bench`).
  private static func findScript() -> String? {
    var candidates = ["Scripts/postgres-cluster.sh"]
    if let bench = CheckpointBench.siblingExecutable("rapport-bench") {
      var parts = bench.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      // …/.build/release → …
      if parts.count > 2 { parts = parts.dropLast(2) }
      candidates.append(parts.joined(separator: "/") + "/Scripts/postgres-cluster.sh")
    }
    return candidates.first { access($0, R_OK) == 0 }
  }
}

struct BenchClusterError: Error, CustomStringConvertible {
  var message: String
  var description: String { "postgres section: \(message)" }
}

extension String {
  fileprivate func trimmingCharacters(in characters: String) -> String {
    var text = Substring(self)
    while let first = text.first, characters.contains(first) { text = text.dropFirst() }
    while let last = text.last, characters.contains(last) { text = text.dropLast() }
    return String(text)
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in characters: String) -> String {
    String(self).trimmingCharacters(in: characters)
  }
}
