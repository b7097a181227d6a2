// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Rapport",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "rapport", targets: ["rapport"]),
    .executable(name: "rapport-bench", targets: ["rapport-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // The only module that touches ncursesw; the domain never imports it.
    .target(
      name: "CNcursesw",
      linkerSettings: [.linkedLibrary("ncursesw")]
    ),
    // The append-only, hash-chained JSON Lines journal: records, locking, verification.
    .target(
      name: "RapportJournal",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")]
    ),
    // libpq, PostgreSQL's reference client (Debian: libpq-dev), found through pkg-config.
    .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    // The journal's PostgreSQL home: a synchronous libpq connection, the schema (one SQL text per
    // concern) and the chain check that streams every line back.
    .target(
      name: "RapportPostgres",
      dependencies: ["CLibpq", "RapportJournal"]
    ),
    // Accounts, events, the fold, dates: no terminal, no printing.
    .target(
      name: "RapportDomain",
      dependencies: ["RapportJournal"]
    ),
    // The checkpoint: a book saved in a binary form that is read back in place of a full replay; its
    // codec, its file and where it is stored. Derived data, never the source of truth.
    .target(
      name: "RapportCheckpoint",
      dependencies: ["RapportDomain", "RapportJournal"]
    ),
    // The demo generator: a believable book of business from a seed, for the demo and the benchmarks.
    .target(
      name: "RapportSample",
      dependencies: ["RapportDomain", "RapportJournal"]
    ),
    // Data in and out: CSV reading and writing, header mapping per kind and per known export, rows to
    // commands with file:line:column problems, iCalendar writing. No printing.
    .target(
      name: "RapportExchange",
      dependencies: ["RapportDomain", "RapportJournal"]
    ),
    // Terminal-safe text: sanitising untrusted strings and measuring them in columns.
    .target(name: "RapportText"),
    // The full-screen front end: views drawn into an in-memory canvas, keys, themes; the ncurses
    // backend only copies the canvas out.
    .target(
      name: "RapportTerminal",
      dependencies: [
        "RapportDomain", "RapportText", "CNcursesw",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    // The command-line front end: parsing, messages, exit codes, output formats.
    .target(
      name: "RapportCLI",
      dependencies: [
        "RapportDomain",
        "RapportJournal",
        "RapportCheckpoint",
        "RapportSample",
        "RapportText",
        "RapportTerminal",
        "RapportExchange",
        "RapportPostgres",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // The `[digest]` part of the user's config.toml, read without the dashboard's code.
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    .executableTarget(name: "rapport", dependencies: ["RapportCLI"]),
    // Child processes and a private tmux server, for the benchmark and the end-to-end tests.
    .target(name: "RapportTestSupport", dependencies: ["RapportPostgres"]),
    .executableTarget(
      name: "rapport-bench",
      dependencies: [
        "RapportDomain", "RapportJournal", "RapportCheckpoint", "RapportSample", "RapportTerminal", "CNcursesw",
        "RapportTestSupport", "RapportPostgres", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // libFuzzer target for the record reader; see docs/development.md.
    .executableTarget(
      name: "rapport-fuzz",
      dependencies: ["RapportJournal"]
    ),
    .testTarget(name: "CNcurseswTests", dependencies: ["CNcursesw"]),
    .testTarget(name: "RapportJournalTests", dependencies: ["RapportJournal", "RapportTestSupport"]),
    .testTarget(
      name: "RapportPostgresTests",
      dependencies: [
        "RapportPostgres", "RapportJournal", "RapportCheckpoint", "RapportDomain", "RapportSample",
        "RapportTestSupport",
      ]),
    .testTarget(name: "RapportDomainTests", dependencies: ["RapportDomain", "RapportSample", "RapportTestSupport"]),
    .testTarget(
      name: "RapportCheckpointTests",
      dependencies: ["RapportCheckpoint", "RapportDomain", "RapportSample", "RapportTestSupport"]),
    .testTarget(name: "RapportTextTests", dependencies: ["RapportText"]),
    .testTarget(
      name: "RapportExchangeTests",
      dependencies: ["RapportExchange", "RapportDomain", "RapportJournal", "RapportTestSupport"]),
    .testTarget(name: "RapportTerminalTests", dependencies: ["RapportTerminal", "RapportDomain", "RapportJournal"]),
    .testTarget(
      name: "RapportCLITests",
      dependencies: ["RapportDomain", "RapportJournal", "RapportPostgres", "RapportTestSupport"]),
  ]
)
