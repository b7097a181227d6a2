import Glibc

/// The file-system type of a path, from /proc/self/mounts (the longest mount point that contains it).
enum FileSystemType {
  static func of(path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    let target = String(cString: resolved)
    free(resolved)
    guard let file = fopen("/proc/self/mounts", "r") else { return nil }
    defer { fclose(file) }
    var best: (mount: String, type: String)?
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while getline(&line, &capacity, file) > 0, let line {
      let fields = String(cString: line).split(separator: " ")
      guard fields.count >= 3 else { continue }
      let mount = String(fields[1])
      let contains = target == mount || mount == "/" || target.hasPrefix(mount + "/")
      if contains, mount.count >= (best?.mount.count ?? -1) { best = (mount, String(fields[2])) }
    }
    free(line)
    return best?.type
  }
}
