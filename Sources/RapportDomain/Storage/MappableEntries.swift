// How each entry a checkpoint maps (`MappableEntry`) makes its references portable and relocates them:
// its `EntryMeta` (and the meta of the record that closed it), and its texts.

extension UsageSample: MappableEntry {
  public func portable(in references: inout PortableReferences) -> UsageSample {
    var sample = self
    sample.meta = meta.portable(in: &references)
    return sample
  }

  public func relocated(by relocation: Relocation) -> UsageSample {
    var sample = self
    sample.meta = meta.relocated(by: relocation)
    return sample
  }
}

extension ScheduledQBR: MappableEntry {
  public func portable(in references: inout PortableReferences) -> ScheduledQBR {
    var qbr = self
    qbr.meta = meta.portable(in: &references)
    return qbr
  }

  public func relocated(by relocation: Relocation) -> ScheduledQBR {
    var qbr = self
    qbr.meta = meta.relocated(by: relocation)
    return qbr
  }
}

extension ValueNote: MappableEntry {
  public func portable(in references: inout PortableReferences) -> ValueNote {
    var note = self
    note.meta = meta.portable(in: &references)
    note.packedText = references.text(packedText)
    return note
  }

  public func relocated(by relocation: Relocation) -> ValueNote {
    var note = self
    note.meta = meta.relocated(by: relocation)
    note.packedText = relocation.text(packedText)
    return note
  }
}

extension NPSResponse: MappableEntry {
  public func portable(in references: inout PortableReferences) -> NPSResponse {
    var response = self
    response.meta = meta.portable(in: &references)
    response.contactText = contactText.map { references.text($0) }
    response.packedComment = packedComment.map { references.text($0) }
    return response
  }

  public func relocated(by relocation: Relocation) -> NPSResponse {
    var response = self
    response.meta = meta.relocated(by: relocation)
    response.contactText = contactText.map(relocation.text)
    response.packedComment = packedComment.map(relocation.text)
    return response
  }
}

extension Criterion: MappableEntry {
  public func portable(in references: inout PortableReferences) -> Criterion {
    var criterion = self
    criterion.meta = meta.portable(in: &references)
    criterion.packedText = references.text(packedText)
    if let meeting { criterion.meeting?.meta = meeting.meta.portable(in: &references) }
    return criterion
  }

  public func relocated(by relocation: Relocation) -> Criterion {
    var criterion = self
    criterion.meta = meta.relocated(by: relocation)
    criterion.packedText = relocation.text(packedText)
    if let meeting { criterion.meeting?.meta = meeting.meta.relocated(by: relocation) }
    return criterion
  }
}

extension TaskItem: MappableEntry {
  public func portable(in references: inout PortableReferences) -> TaskItem {
    var task = self
    task.meta = meta.portable(in: &references)
    task.accountText = references.text(accountText)
    task.packedText = references.text(packedText)
    task.ownerText = ownerText.map { references.text($0) }
    if let completion { task.completion?.meta = completion.meta.portable(in: &references) }
    return task
  }

  public func relocated(by relocation: Relocation) -> TaskItem {
    var task = self
    task.meta = meta.relocated(by: relocation)
    task.accountText = relocation.text(accountText)
    task.packedText = relocation.text(packedText)
    task.ownerText = ownerText.map(relocation.text)
    if let completion { task.completion?.meta = completion.meta.relocated(by: relocation) }
    return task
  }
}
