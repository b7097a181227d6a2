import Foundation
import XCTest

/// What a hostile group member can do to a journal with a text editor and a few lines of Python: the
/// tests of issue 13 attack the real binary with it. Every change keeps the hash chain valid unless
/// asked not to, as a careful forger would.
struct Forgery {
  let sandbox: RapportSandbox

  /// Appends a correctly chained record, written by hand as `by` from `login` (nil: no login field).
  func append(
    type: String, by: String, login: String?, account: String? = nil, data: [String: Any] = [:],
    validHash: Bool = true
  ) throws {
    let object = try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])
    var arguments = ["append", type, by, login ?? "", account ?? "", String(decoding: object, as: UTF8.self)]
    if !validHash { arguments.append("bad-hash") }
    try run(arguments)
  }

  /// Replaces `old` by `new` in the line of record `seq` and re-chains every line from there on: a
  /// rewritten history that the chain alone cannot tell from the real one.
  func rewrite(seq: Int, replacing old: String, with new: String) throws {
    try run(["rewrite", String(seq), old, new])
  }

  private func run(_ arguments: [String]) throws {
    let script = sandbox.path("forge.py")
    if !FileManager.default.fileExists(atPath: script) {
      try sandbox.write(Array(Self.source.utf8), to: script)
    }
    let quoted = ([script, sandbox.journalPath] + arguments).map {
      "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    let result = try sandbox.shell("python3 " + quoted.joined(separator: " "))
    XCTAssertEqual(result.status, 0, "forge.py failed: \(result.summary)")
  }

  private static let source = #"""
    import hashlib, json, sys, uuid

    def chained(previous, body):
        return hashlib.sha256(previous + body).hexdigest().encode()

    def split(line):
        index = line.rindex(b',"hash":"')
        return line[:index], line[index + 9:index + 9 + 64]

    path, mode = sys.argv[1], sys.argv[2]
    lines = open(path, 'rb').read().split(b'\n')[:-1]
    if mode == 'append':
        kind, by, login, account, data = sys.argv[3:8]
        bad = len(sys.argv) > 8
        last = json.loads(lines[-1])
        envelope = '{"v":1,"seq":%d,"id":"%s","at":"2026-11-23T10:00:00.000Z","by":%s' % (
            last['seq'] + 1, uuid.uuid4(), json.dumps(by))
        if login:
            envelope += ',"login":%s' % json.dumps(login)
        envelope += ',"type":%s' % json.dumps(kind)
        if account:
            envelope += ',"account":%s' % json.dumps(account)
        envelope += ',"data":%s' % json.dumps(json.loads(data), separators=(',', ':'))
        body = envelope.encode()
        digest = b'0' * 64 if bad else chained(split(lines[-1])[1], body)
        lines.append(body + b',"hash":"' + digest + b'"}')
    elif mode == 'rewrite':
        seq, old, new = int(sys.argv[3]), sys.argv[4].encode(), sys.argv[5].encode()
        previous = split(lines[seq - 2])[1]
        for index in range(seq - 1, len(lines)):
            body, _ = split(lines[index])
            if index == seq - 1:
                assert old in body, 'no %r in record %d' % (old, seq)
                body = body.replace(old, new)
            digest = chained(previous, body)
            lines[index] = body + b',"hash":"' + digest + b'"}'
            previous = digest
    open(path, 'wb').write(b'\n'.join(lines) + b'\n')
    """#
}
