/// Look-ups the cost model needs from a platform.
extension Platform {
  /// Returns the DSP packing entry for a precision, or `nil` when the platform lists none.
  ///
  /// Entries match on weight bits, activation bits and whether the operands are floating
  /// point. A 16-bit float entry serves both FP16 and BF16.
  public func dspPacking(for precision: Precision) -> DSPPacking? {
    dspPacking.first {
      $0.weightBits == precision.weightBits && $0.activationBits == precision.activationBits
        && $0.floatingPoint == precision.floatingPoint
    }
  }

  /// Theoretical peak bandwidth of every external memory channel together, in bytes per second.
  public var peakMemoryBytesPerSecond: Double {
    memories.reduce(0) { $0 + Double($1.channels) * $1.bytesPerSecondPerChannel }
  }

  /// External memory channels attached to an SLR, as (memory index, channel index) pairs.
  ///
  /// - Parameter slr: SLR index, 0 for SLR0.
  public func memoryChannels(onSLR slr: Int) -> [(memory: Int, channel: Int)] {
    var channels: [(memory: Int, channel: Int)] = []
    for (memoryIndex, memory) in memories.enumerated() {
      for (channelIndex, attached) in memory.channelSLR.enumerated() where attached == slr {
        channels.append((memoryIndex, channelIndex))
      }
    }
    return channels
  }
}
