/// A write refused by how this session was opened (`--read-only`): exit 65.
struct WriteRefused: Error {
  var message: String
}
