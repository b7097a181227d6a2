import CNcursesw

/// Decodes what `wget_wch` returned into a `Key` (pure: no terminal needed).
public enum BackendKeys {
  /// `status` is `wget_wch`'s result (`OK` for a character, `KEY_CODE_YES` for a function key), `code`
  /// the value it stored. Returns nil for keys the dashboard does not use (and for `ERR`).
  public static func decode(status: Int32, code: UInt32) -> Key? {
    if status == rp_key_code_yes() { return functionKey(Int32(bitPattern: code)) }
    guard status == rp_ok() else { return nil }
    switch code {
    case 10, 13: return .enter
    case 27: return .escape
    case 9: return .tab
    case 8, 127: return .backspace
    case 1...26:
      return .control(Character(Unicode.Scalar(UInt8(code) + UInt8(ascii: "a") - 1)))
    case 0..<32: return nil
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .character(Character(scalar))
    }
  }

  private static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_RESIZE: return .resize
    case rp_key_f(1)...rp_key_f(63): return .function(Int(code - rp_key_f(0)))
    default: return nil
    }
  }
}
