import Foundation
import Glibc
import XCTest

/// `make deb` as a team's host receives it (the test command builds it once into a scratch folder
/// before the tests: RAPPORT_TEST_DEB): its control fields and `Depends`, its files and their owners,
/// then the package unpacked (`dpkg -x`, never installed on this machine) runs: the version, its
/// themes, every manual page, the completions.
final class DebianPackageTests: XCTestCase {
  private struct NotBuilt: Error, CustomStringConvertible {
    var description: String {
      "RAPPORT_TEST_DEB is not set: run the tests with `make test`, which builds the package first (make deb)"
    }
  }

  private var unpacked: String?

  override func tearDown() {
    if let unpacked { try? FileManager.default.removeItem(atPath: unpacked) }
    super.tearDown()
  }

  private func package() throws -> String {
    guard let path = ProcessInfo.processInfo.environment["RAPPORT_TEST_DEB"] else { throw NotBuilt() }
    return path
  }

  /// The package's files in a scratch folder standing for /.
  private func unpack() throws -> String {
    let root = NSTemporaryDirectory() + "rapport-deb-\(getpid())-\(UUID().uuidString)"
    unpacked = root
    let (status, output) = try shell("dpkg -x '\(try package())' '\(root)'")
    XCTAssertEqual(status, 0, output)
    return root
  }

  private func shell(_ command: String, environment extra: [String: String] = [:]) throws -> (Int32, String) {
    try ShellCommand.shell(command, environment: extra)
  }

  private func field(_ name: String) throws -> String {
    let (status, value) = try shell("dpkg-deb --field '\(try package())' \(name)")
    XCTAssertEqual(status, 0, value)
    return value.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func testTheControlFieldsNameTheVersionTheArchitectureAndWhatTheBinaryLinks() throws {
    let root = try unpack()
    let (_, version) = try shell("'\(root)/usr/bin/rapport' --version")
    let upstream = version.split(separator: " ")[1]
    XCTAssertEqual(try field("Package"), "rapport")
    XCTAssertEqual(try field("Version"), "\(upstream)-1")
    let (_, architecture) = try shell("dpkg --print-architecture")
    XCTAssertEqual(try field("Architecture"), architecture.trimmingCharacters(in: .whitespacesAndNewlines))
    XCTAssertEqual(
      URL(fileURLWithPath: try package()).lastPathComponent, "rapport_\(upstream)-1_\(try field("Architecture")).deb")
    for name in ["Maintainer", "Section", "Priority", "Installed-Size", "Description"] {
      XCTAssertFalse(try field(name).isEmpty, name)
    }
    let size = try XCTUnwrap(Int(try field("Installed-Size")))
    XCTAssertGreaterThan(size, 1000, "KiB: the binary alone is megabytes")
    XCTAssertTrue(try field("Description").contains("\n "), "a synopsis and an extended description")
    // Every library the binary links, each from its package, with a minimum version.
    let depends = try field("Depends").components(separatedBy: ", ")
    for library in ["libc6", "libncursesw6", "libtinfo6", "libpq5"] {
      let entry = depends.first { $0.hasPrefix(library + " ") }
      XCTAssertNotNil(entry, "\(library) missing from \(depends)")
      XCTAssertTrue(entry?.contains("(>= ") ?? false, "\(library) has no version: \(depends)")
    }
    XCTAssertFalse(depends.contains { $0.contains("swift") }, "the Swift runtime is linked in: \(depends)")
    let (_, needed) = try shell("readelf -d '\(root)/usr/bin/rapport' | grep NEEDED")
    XCTAssertTrue(needed.contains("libncursesw.so.6"), needed)
    XCTAssertFalse(
      needed.contains("libswift") || needed.contains("libFoundation"), "a host without Swift runs it: \(needed)")
  }

  /// Without dpkg-shlibdeps the packages come from the binary's NEEDED entries and dpkg: the same ones.
  func testTheFallbackFindsTheSamePackagesAsDpkgShlibdeps() throws {
    let root = try unpack()
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scripts/deb.sh").path
    let (status, fallback) = try shell(
      "bash '\(script)' depends '\(root)/usr/bin/rapport'", environment: ["DPKG_SHLIBDEPS": "none"])
    XCTAssertEqual(status, 0, fallback)
    let names = { (field: String) in
      Set(field.components(separatedBy: ", ").map { String($0.prefix { $0 != " " }) }.filter { !$0.isEmpty })
    }
    XCTAssertEqual(
      names(fallback.trimmingCharacters(in: .whitespacesAndNewlines)), names(try field("Depends")), fallback)
    XCTAssertTrue(fallback.contains("libc6 (>= "), fallback)
  }

  func testTheFilesAreInDebiansPlacesOwnedByRoot() throws {
    let (status, listing) = try shell("dpkg-deb --contents '\(try package())'")
    XCTAssertEqual(status, 0, listing)
    let lines = listing.split(separator: "\n").map(String.init)
    let paths = lines.compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) }
    for expected in [
      "./usr/bin/rapport", "./usr/share/rapport/themes/dark.toml", "./usr/share/rapport/themes/monochrome.toml",
      "./usr/share/man/man1/rapport.1.gz", "./usr/share/man/man1/rapport.board.1.gz",
      "./usr/share/bash-completion/completions/rapport", "./usr/share/zsh/vendor-completions/_rapport",
      "./usr/share/fish/vendor_completions.d/rapport.fish", "./usr/share/doc/rapport/copyright",
      "./usr/share/doc/rapport/changelog.Debian.gz",
    ] {
      XCTAssertTrue(paths.contains(expected), "\(expected) missing:\n\(listing)")
    }
    for line in lines {
      XCTAssertTrue(line.contains(" root/root "), line)
      let mode = String(line.prefix(10))
      XCTAssertTrue(
        ["drwxr-xr-x", "-rw-r--r--"].contains(mode) || (mode == "-rwxr-xr-x" && line.hasSuffix("./usr/bin/rapport")),
        line)
      XCTAssertFalse(line.contains("installed-files"), "dpkg keeps the list, not a manifest: \(line)")
      XCTAssertFalse(line.contains(".build") || line.contains("/work/") || line.contains("/tmp/"), line)
    }
    XCTAssertFalse(paths.contains { $0.hasSuffix(".1") }, "manual pages are gzipped")
  }

  func testTheCopyrightAndChangelogAreDebians() throws {
    let root = try unpack()
    let doc = root + "/usr/share/doc/rapport"
    let copyright = try String(contentsOfFile: doc + "/copyright", encoding: .utf8)
    XCTAssertTrue(
      copyright.hasPrefix("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"), copyright)
    XCTAssertTrue(copyright.contains("\nFiles: *\nCopyright: "), copyright)
    // Every licence a Files stanza names has its own stanza (DEP-5).
    let named = Set(
      copyright.split(separator: "\n").filter { $0.hasPrefix("License: ") }.map { $0.dropFirst(9) }
        .flatMap { $0.components(separatedBy: " and ") })
    for licence in named where !licence.contains("with") && !copyright.contains("License: \(licence)\n All rights") {
      XCTAssertTrue(copyright.contains("\n\nLicense: \(licence)\n"), "no stanza for \(licence)")
    }
    let (status, changelog) = try shell("gzip -dc '\(doc)/changelog.Debian.gz'")
    XCTAssertEqual(status, 0, changelog)
    let version = try field("Version")
    XCTAssertTrue(changelog.hasPrefix("rapport (\(version)) unstable; urgency=medium\n"), changelog)
    XCTAssertNotNil(
      changelog.range(
        of: #"\n -- .+ <.+@.+>  [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000\n"#,
        options: .regularExpression), changelog)
  }

  func testTheUnpackedBinaryRunsWithItsThemesPagesAndCompletions() throws {
    let root = try unpack()
    let binary = root + "/usr/bin/rapport"
    let (status, version) = try shell("'\(binary)' --version")
    XCTAssertEqual(status, 0, version)
    XCTAssertTrue(version.hasPrefix("rapport "), version)
    // The themes are found beside the binary, in ../share/rapport/themes.
    let home = root + "/home"
    let (refused, message) = try shell(
      "'\(binary)' --theme no-such-theme --log /nonexistent/journal.jsonl < /dev/null",
      environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/config"])
    XCTAssertEqual(refused, 64, message)
    XCTAssertTrue(message.contains("available themes: dark, high-contrast, light, monochrome"), message)
    let folder = root + "/usr/share/man/man1"
    let pages = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    XCTAssertTrue(pages.contains("rapport.backup.1.gz"), "\(pages)")
    for page in pages {
      let (rendered, text) = try shell(
        "man -l '\(folder)/\(page)' 2>&1", environment: ["MANPAGER": "cat", "MANWIDTH": "80"])
      XCTAssertEqual(rendered, 0, "\(page): \(text)")
      XCTAssertTrue(text.contains("NAME"), "\(page): \(text.prefix(200))")
    }
    let scripts = [
      ("bash", "/usr/share/bash-completion/completions/rapport", "source '%@' && complete -p rapport"),
      ("zsh", "/usr/share/zsh/vendor-completions/_rapport", "autoload -U compinit && compinit -u && source '%@'"),
      ("fish", "/usr/share/fish/vendor_completions.d/rapport.fish", "source '%@'"),
    ]
    for (shellName, script, load) in scripts {
      XCTAssertEqual(access(root + script, R_OK), 0, script)
      let (found, _) = try shell("command -v \(shellName)")
      guard found == 0 else { continue }  // checked where that shell is installed
      let (loaded, output) = try shell(
        "\(shellName) -c \"\(load.replacingOccurrences(of: "%@", with: root + script))\"")
      XCTAssertEqual(loaded, 0, "\(shellName): \(output)")
      if shellName == "bash" { XCTAssertTrue(output.contains("complete "), output) }
    }
  }
}
