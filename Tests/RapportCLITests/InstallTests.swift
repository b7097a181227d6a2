import Foundation
import Glibc
import XCTest

/// `make install DESTDIR=… PREFIX=/usr` as a packager runs it (the test command installs into a scratch
/// root before the tests: RAPPORT_TEST_INSTALL_ROOT): the installed binary runs from there and finds
/// its themes, every manual page renders, each completion script loads in its shell where that shell
/// is installed, and `make uninstall` removes exactly what was written.
final class InstallTests: RapportCLITestCase {
  private struct NotInstalled: Error, CustomStringConvertible {
    var description: String {
      "RAPPORT_TEST_INSTALL_ROOT is not set: run the tests with `make test`, which installs into a scratch root first"
    }
  }

  private func installed() throws -> (root: String, prefix: String) {
    let environment = ProcessInfo.processInfo.environment
    guard let root = environment["RAPPORT_TEST_INSTALL_ROOT"], let prefix = environment["RAPPORT_TEST_INSTALL_PREFIX"]
    else { throw NotInstalled() }
    return (root, root + prefix)
  }

  private func shell(_ command: String, environment extra: [String: String] = [:]) throws -> (Int32, String) {
    try ShellCommand.shell(command, environment: extra)
  }

  private func files(under folder: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    return walker.compactMap { $0 as? String }.filter {
      var info = stat()
      return lstat(folder + "/" + $0, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR
    }.sorted()
  }

  func testTheInstalledBinaryRunsAndFindsItsThemes() throws {
    let (_, prefix) = try installed()
    let binary = prefix + "/bin/rapport"
    let (status, version) = try shell("'\(binary)' --version")
    XCTAssertEqual(status, 0, version)
    XCTAssertTrue(version.hasPrefix("rapport "), version)
    for theme in ["dark", "light", "high-contrast", "monochrome"] {
      XCTAssertEqual(access(prefix + "/share/rapport/themes/\(theme).toml", R_OK), 0, theme)
    }
    // The installed binary lists the installed themes (the repository's Themes/ is not above it).
    let home = NSTemporaryDirectory() + "rapport-install-home-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: home) }
    let (refused, message) = try shell(
      "'\(binary)' --theme no-such-theme --log /nonexistent/journal.jsonl < /dev/null",
      environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/config"])
    XCTAssertEqual(refused, 64, message)
    XCTAssertTrue(message.contains("available themes: dark, high-contrast, light, monochrome"), message)
  }

  func testEveryManualPageRenders() throws {
    let (_, prefix) = try installed()
    let folder = prefix + "/share/man/man1"
    let pages = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".1") }.sorted()
    XCTAssertTrue(pages.contains("rapport.1"), "\(pages)")
    for command in ["board", "journal.copy", "backup", "member.add", "init"] {
      XCTAssertTrue(pages.contains("rapport.\(command).1"), "no page for \(command): \(pages)")
    }
    for page in pages {
      let (status, text) = try shell(
        "man -l '\(folder)/\(page)' 2>&1", environment: ["MANPAGER": "cat", "MANWIDTH": "80"])
      XCTAssertEqual(status, 0, "\(page): \(text)")
      XCTAssertTrue(text.contains("NAME"), "\(page): \(text.prefix(200))")
    }
    let (_, root) = try shell("man -l '\(folder)/rapport.1'", environment: ["MANPAGER": "cat", "MANWIDTH": "100"])
    XCTAssertTrue(root.contains("board"), root)
  }

  func testEachCompletionScriptLoadsInItsShell() throws {
    let (_, prefix) = try installed()
    let scripts = [
      ("bash", prefix + "/share/bash-completion/completions/rapport", "source '%@' && complete -p rapport"),
      ("zsh", prefix + "/share/zsh/site-functions/_rapport", "autoload -U compinit && compinit -u && source '%@'"),
      ("fish", prefix + "/share/fish/vendor_completions.d/rapport.fish", "source '%@'"),
    ]
    for (shellName, script, load) in scripts {
      XCTAssertEqual(access(script, R_OK), 0, script)
      let (found, _) = try shell("command -v \(shellName)")
      guard found == 0 else { continue }  // checked where that shell is installed
      let command = load.replacingOccurrences(of: "%@", with: script)
      let (status, output) = try shell("\(shellName) -c \"\(command)\"")
      XCTAssertEqual(status, 0, "\(shellName): \(output)")
    }
  }

  func testUninstallRemovesExactlyWhatInstallWrote() throws {
    let (root, _) = try installed()
    let copy = NSTemporaryDirectory() + "rapport-uninstall-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: copy) }
    try? FileManager.default.removeItem(atPath: copy)
    try FileManager.default.copyItem(atPath: root, toPath: copy)
    // Something of another package's beside Rapport's files stays.
    let other = copy + "/usr/share/man/man1/other.1"
    XCTAssertTrue(FileManager.default.createFile(atPath: other, contents: Data("other\n".utf8)))
    let written = files(under: copy)
    XCTAssertTrue(written.contains("usr/bin/rapport"), "\(written)")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scripts/install.sh").path
    let (status, output) = try shell(
      "bash '\(script)' uninstall", environment: ["DESTDIR": copy, "PREFIX": "/usr"])
    XCTAssertEqual(status, 0, output)
    XCTAssertEqual(files(under: copy), ["usr/share/man/man1/other.1"], output)
  }
}
