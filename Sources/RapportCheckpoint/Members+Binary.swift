import RapportDomain

extension Members {
  func write(to writer: inout BinaryWriter) {
    writer.bool(creator != nil)
    if let creator { creator.write(to: &writer) }
    writer.list(listed) { $1.write(to: &$0) }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    self.init()
    if try reader.bool() { creator = try Member(reading: &reader) }
    listed = try reader.list { reader throws(CheckpointError) in try Member(reading: &reader) }
  }
}

extension Member {
  func write(to writer: inout BinaryWriter) {
    writer.symbol(name)
    writer.list(logins) { $0.symbol($1) }
    writer.symbol(role.rawValue)
    writer.optionalText(email)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let name = try reader.symbol()
    let logins = try reader.list { reader throws(CheckpointError) in try reader.symbol() }
    let roleName = try reader.symbol()
    guard let role = Role(rawValue: roleName) else { throw .corrupt("unknown member role \(roleName)") }
    self.init(name: name, logins: logins, role: role, email: try reader.optionalText())
  }
}
