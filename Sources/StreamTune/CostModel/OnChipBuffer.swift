/// What a kind of on-chip buffer holds; used in per-kernel breakdowns.
public enum BufferPurpose: String, Sendable, Hashable, Codable {
  case weightTile = "weight_tile"
  case accumulator
  case kvTile = "kv_tile"
  case dmaBurst = "dma_burst"
  case fifo
  case converter
}

/// An on-chip array, split into `partitions` banks that are read in the same cycle.
public struct OnChipBuffer: Sendable, Hashable {
  public var purpose: BufferPurpose
  /// Bits of one word of one bank.
  public var widthBits: Int
  /// Words per bank.
  public var depth: Int
  /// Banks (the partition factor, usually the lanes that read the buffer in one cycle).
  public var partitions: Int

  public init(purpose: BufferPurpose, widthBits: Int, depth: Int, partitions: Int = 1) {
    self.purpose = purpose
    self.widthBits = max(1, widthBits)
    self.depth = max(1, depth)
    self.partitions = max(1, partitions)
  }

  /// A buffer of `elements` words of `elementBits`, partitioned into `partitions` banks.
  public init(purpose: BufferPurpose, elements: Int, elementBits: Int, partitions: Int) {
    let banks = max(1, min(partitions, elements))
    self.init(
      purpose: purpose, widthBits: elementBits, depth: (elements + banks - 1) / banks,
      partitions: banks)
  }

  /// Bits of one bank.
  public var bankBits: Int { widthBits * depth }

  /// Bits of the whole buffer.
  public var totalBits: Int { bankBits * partitions }
}

/// Memory primitives used by some buffers.
public struct MemoryBlocks: Sendable, Hashable, Codable {
  public var bram18k: Int = 0
  public var uram: Int = 0
  /// LUTs used as distributed RAM (LUTRAM) or shift registers.
  public var lutramLUTs: Int = 0
  /// Bits stored, whatever the primitive.
  public var bits: Int = 0

  public init(bram18k: Int = 0, uram: Int = 0, lutramLUTs: Int = 0, bits: Int = 0) {
    self.bram18k = bram18k
    self.uram = uram
    self.lutramLUTs = lutramLUTs
    self.bits = bits
  }

  public static func + (lhs: MemoryBlocks, rhs: MemoryBlocks) -> MemoryBlocks {
    MemoryBlocks(
      bram18k: lhs.bram18k + rhs.bram18k, uram: lhs.uram + rhs.uram,
      lutramLUTs: lhs.lutramLUTs + rhs.lutramLUTs, bits: lhs.bits + rhs.bits)
  }

  public static func += (lhs: inout MemoryBlocks, rhs: MemoryBlocks) {
    lhs = lhs + rhs
  }
}

extension MemoryBinding {
  /// Banks at most this deep go to LUTRAM (shift registers for FIFOs) whatever their width:
  /// one LUTRAM primitive is 64 words deep, and a BRAM holding a few wide words wastes almost
  /// all of its depth. This mirrors the HLS tools' choice of SRL or LUTRAM storage for shallow
  /// FIFOs and small arrays (an estimate of their heuristics, not a documented threshold).
  public static let shallowDepth = 64

  /// Binds `buffer` to LUTRAM, BRAM18K or URAM by the bits and depth of one bank, and counts
  /// blocks.
  ///
  /// Each bank is bound on its own, since HLS maps every partition of an array to separate
  /// primitives. A BRAM or URAM bank takes, over the primitive's configurations (aspect
  /// ratios), the fewest blocks ceil(width / configuration width) × ceil(depth / configuration
  /// depth), so a wide shallow bank costs more blocks than its bits alone suggest.
  ///
  /// - Complexity: O(number of aspect ratios).
  public func blocks(for buffer: OnChipBuffer, platform: Platform) -> MemoryBlocks {
    let bankBits = buffer.bankBits
    var result = MemoryBlocks(bits: buffer.totalBits)
    if bankBits <= lutramMaxBits || buffer.depth <= Self.shallowDepth
      || platform.bram18kAspects.isEmpty
    {
      let bitsPerLUT = max(1, platform.lutramBitsPerLUT)
      result.lutramLUTs = buffer.partitions * ((bankBits + bitsPerLUT - 1) / bitsPerLUT)
    } else if bankBits >= uramMinBits, !platform.uramAspects.isEmpty {
      result.uram = buffer.partitions * Self.fewestBlocks(buffer, platform.uramAspects)
    } else {
      result.bram18k = buffer.partitions * Self.fewestBlocks(buffer, platform.bram18kAspects)
    }
    return result
  }

  static func fewestBlocks(_ buffer: OnChipBuffer, _ aspects: [AspectRatio]) -> Int {
    var best = Int.max
    for aspect in aspects where aspect.width > 0 && aspect.depth > 0 {
      let across = (buffer.widthBits + aspect.width - 1) / aspect.width
      let down = (buffer.depth + aspect.depth - 1) / aspect.depth
      best = min(best, across * down)
    }
    return best == .max ? 1 : best
  }
}
