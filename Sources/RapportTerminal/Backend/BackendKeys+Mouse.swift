import CNcursesw

extension BackendKeys {
  /// Decodes a mouse report (`getmouse`'s button state, row and column) into a key: a left press, or
  /// the wheel (buttons 4 and 5). Nil for what the dashboard does not use (releases, other buttons).
  public static func mouse(state: UInt, row: Int, column: Int) -> Key? {
    let mask = mmask_t(state)
    let button: MouseEvent.Button
    if mask & (rp_button1_pressed() | rp_button1_clicked()) != 0 {
      button = .left
    } else if mask & rp_button4_pressed() != 0 {
      button = .wheelUp
    } else if mask & rp_button5_pressed() != 0 {
      button = .wheelDown
    } else {
      return nil
    }
    guard row >= 0, column >= 0 else { return nil }
    return .mouse(MouseEvent(button, row: row, column: column))
  }
}
