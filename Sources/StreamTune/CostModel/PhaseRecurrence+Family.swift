/// Timing a family of decode phases: the phases of one layer group that differ only in their
/// context-dependent kernels and edges.
///
/// Each kernel of the block takes one of three roles for the family:
///
/// - varying: its own timing changes between phases (with conservative equalisation, so does
///   every kernel of its region). It is timed per phase.
/// - constant: its timing, its incoming edges and all its producers are the same in every
///   phase, so it is timed once.
/// - symbolic: its timing is fixed but a producer or an incoming edge changes. Its first output
///   and finish are max-plus expressions max(c, max_j (x_j + a_j)) of per-phase variables x_j.
///   Each changing edge into a symbolic kernel has two: the producer's first output plus the
///   edge's delay and the consumer's first-output offset, and the producer's finish plus the
///   crossing delay. The coefficients are found once, so a phase costs its varying kernels
///   plus a few additions per region.
extension PhaseRecurrence {
  enum Role {
    case constant
    case varying
    case symbolic
  }

  /// One step of a family phase: time a varying kernel, evaluate a symbolic kernel, or set the
  /// two variables of a changing edge from its producer's times.
  enum Step {
    case time(Int)
    case evaluate(Int)
    case variable(Int, arc: Int)
  }

  /// The max-plus expressions of a family, one row of `width` coefficients per kernel or
  /// region: entry 0 is the constant term, entries 1 + 2j and 2 + 2j those of the first-output
  /// and finish variables of changing edge j (−∞ when absent).
  struct Expressions {
    var width: Int
    var emit: [Double]
    var finish: [Double]
    var region: [Double]
    var regionHasTerms: [Bool]
    var regionConstant: [Double]
  }

  /// Times every phase of `family`, writing cycles and external bytes per phase.
  ///
  /// - Complexity: O(kernels × edges × changing edges) once, then O(varying kernels + their
  ///   edges + regions × changing edges) per phase.
  func runFamily(
    _ family: EvaluationPlan.Family, cycles: inout [Double], bytes: inout [Double]
  ) {
    let first = family.phases[0]
    let varying = family.varyingKernels

    // Timings of the first phase, final for the kernels that do not vary. Under conservative
    // equalisation a region with varying kernels is slowed to the slowest of its other kernels,
    // and a phase whose varying kernels are slower still is timed on its own afterwards.
    var constantBytes = 0.0
    for kernel in 0..<kernelCount {
      loadTiming(kernel, phase: first)
      if !varying[kernel] { constantBytes += externalBytes[kernel] }
    }
    var touched = Array(repeating: false, count: regionCount)
    var hasConstant = Array(repeating: false, count: regionCount)
    var constantSlowest = Array(repeating: 0.0, count: regionCount)
    if conservative {
      for kernel in 0..<kernelCount {
        if varying[kernel] {
          touched[regionOf[kernel]] = true
        } else {
          hasConstant[regionOf[kernel]] = true
          constantSlowest[regionOf[kernel]] = max(
            constantSlowest[regionOf[kernel]], latency[kernel])
        }
      }
      equalise(regions: (0..<regionCount).filter { !touched[$0] })
      for kernel in 0..<kernelCount where !varying[kernel] && touched[regionOf[kernel]] {
        slow(kernel, to: constantSlowest[regionOf[kernel]])
      }
    }
    var separate: [Int] = []

    let (role, variableArcs, variableOfArc) = roles(family, varying: varying)
    let expressions = buildExpressions(
      role: role, variableOfArc: variableOfArc, variableCount: variableArcs.count,
      pairBase: first * edgeCount)

    var needsValue = Array(repeating: false, count: kernelCount)
    var variablesOfProducer = Array(repeating: [Int](), count: kernelCount)
    for (variable, index) in variableArcs.enumerated() {
      variablesOfProducer[arcs[index].producer].append(variable)
      needsValue[arcs[index].producer] = true
    }
    for kernel in 0..<kernelCount where role[kernel] == .varying {
      for index in arcStart[kernel]..<arcStart[kernel + 1] {
        needsValue[arcs[index].producer] = true
      }
    }
    var steps: [Step] = []
    for kernel in 0..<kernelCount where role[kernel] == .varying || needsValue[kernel] {
      switch role[kernel] {
      case .varying: steps.append(.time(kernel))
      case .symbolic: steps.append(.evaluate(kernel))
      case .constant: break
      }
      for variable in variablesOfProducer[kernel] {
        steps.append(.variable(variable, arc: variableArcs[variable]))
      }
    }
    let varyingKernels = (0..<kernelCount).filter { role[$0] == .varying }
    var regionKernels: [Int] = []
    var regionKernelStart = [0]
    for index in 0..<regionCount {
      regionKernels += varyingKernels.filter { regionOf[$0] == index }
      regionKernelStart.append(regionKernels.count)
    }

    let width = expressions.width
    let values = UnsafeMutablePointer<Double>.allocate(capacity: width)
    values.initialize(repeating: 0, count: width)
    defer { values.deallocate() }
    func evaluate(_ rows: UnsafeBufferPointer<Double>, _ row: Int) -> Double {
      let base = row * width
      var result = rows[base]
      for column in 1..<width { result = max(result, values[column] + rows[base + column]) }
      return result
    }

    expressions.emit.withUnsafeBufferPointer { emitRows in
      expressions.finish.withUnsafeBufferPointer { finishRows in
        expressions.region.withUnsafeBufferPointer { regionRows in
          phases: for phase in family.phases {
            let pairBase = phase * edgeCount
            for kernel in varyingKernels { loadTiming(kernel, phase: phase) }
            if conservative {
              for kernel in varyingKernels { slowest[regionOf[kernel]] = 0 }
              for kernel in varyingKernels {
                let owner = regionOf[kernel]
                slowest[owner] = max(slowest[owner], constantSlowest[owner], latency[kernel])
              }
              for kernel in varyingKernels where hasConstant[regionOf[kernel]] {
                if slowest[regionOf[kernel]] > constantSlowest[regionOf[kernel]] {
                  separate.append(phase)
                  continue phases
                }
              }
              for kernel in varyingKernels { slow(kernel, to: slowest[regionOf[kernel]]) }
            }

            for step in steps {
              switch step {
              case .time(let kernel):
                timeKernel(kernel, pairBase: pairBase)
              case .evaluate(let kernel):
                emit[kernel] = evaluate(emitRows, kernel)
                finish[kernel] = evaluate(finishRows, kernel)
              case .variable(let variable, let index):
                let arc = arcs[index]
                let arrival =
                  emit[arc.producer] + converterDelay(arc, pairBase: pairBase) + arc.crossing
                values[1 + 2 * variable] = arrival + firstOutputOffset(index)
                values[2 + 2 * variable] = finish[arc.producer] + arc.crossing
              }
            }

            var total = 0.0
            var phaseBytes = constantBytes
            for index in 0..<regionCount {
              var latest = expressions.regionConstant[index]
              if expressions.regionHasTerms[index] {
                latest = max(latest, evaluate(regionRows, index))
              }
              for position in regionKernelStart[index]..<regionKernelStart[index + 1] {
                let kernel = regionKernels[position]
                latest = max(latest, finish[kernel])
                phaseBytes += externalBytes[kernel]
              }
              total += latest
            }
            cycles[phase] = total
            bytes[phase] = phaseBytes
          }
        }
      }
    }

    for phase in separate {
      (cycles[phase], bytes[phase]) = timePhase(phase)
    }
  }

  /// Slows one kernel to `target` cycles as conservative equalisation does
  /// (`StreamTiming.slowed(to:)`).
  func slow(_ kernel: Int, to target: Double) {
    guard target > latency[kernel], latency[kernel] > 0 else { return }
    let factor = target / latency[kernel]
    latency[kernel] = target
    delay[kernel] *= factor
    spacing[kernel] *= factor
  }

  /// Assigns every kernel its role and lists the changing edges into symbolic kernels that
  /// become variables (as indices into `arcs`).
  func roles(
    _ family: EvaluationPlan.Family, varying: [Bool]
  ) -> (role: [Role], variableArcs: [Int], variableOfArc: [Int]) {
    var role = Array(repeating: Role.constant, count: kernelCount)
    var variableArcs: [Int] = []
    var variableOfArc = Array(repeating: -1, count: arcCount)
    for kernel in 0..<kernelCount {
      if varying[kernel] {
        role[kernel] = .varying
        continue
      }
      for index in arcStart[kernel]..<arcStart[kernel + 1] {
        let arc = arcs[index]
        if family.varyingEdges[arc.edge] || role[arc.producer] == .varying {
          variableOfArc[index] = variableArcs.count
          variableArcs.append(index)
          role[kernel] = .symbolic
        } else if role[arc.producer] == .symbolic {
          role[kernel] = .symbolic
        }
      }
    }
    return (role, variableArcs, variableOfArc)
  }

  /// Times the constant kernels and builds the expressions of the symbolic kernels and of every
  /// region, from the timings loaded for the family's first phase.
  func buildExpressions(
    role: [Role], variableOfArc: [Int], variableCount: Int, pairBase: Int
  ) -> Expressions {
    let width = 1 + 2 * variableCount
    var emitRows = Array(repeating: -Double.infinity, count: kernelCount * width)
    var finishRows = emitRows
    var regionRows = Array(repeating: -Double.infinity, count: regionCount * width)
    var regionHasTerms = Array(repeating: false, count: regionCount)
    var regionConstant = Array(repeating: 0.0, count: regionCount)

    for kernel in 0..<kernelCount {
      let owner = regionOf[kernel]
      if role[kernel] == .constant {
        timeKernel(kernel, pairBase: pairBase)
        regionConstant[owner] = max(regionConstant[owner], finish[kernel])
      }
      guard role[kernel] == .symbolic else { continue }

      let row = kernel * width
      emitRows[row] = delay[kernel]
      for index in arcStart[kernel]..<arcStart[kernel + 1] {
        let arc = arcs[index]
        let producerRow = arc.producer * width
        if variableOfArc[index] >= 0 {
          let column = 1 + 2 * variableOfArc[index]
          emitRows[row + column] = max(emitRows[row + column], 0)
          continue
        }
        let offset =
          converterDelay(arc, pairBase: pairBase) + arc.crossing + firstOutputOffset(index)
        if role[arc.producer] == .constant {
          emitRows[row] = max(emitRows[row], emit[arc.producer] + offset)
        } else {
          for column in 0..<width {
            emitRows[row + column] = max(
              emitRows[row + column], emitRows[producerRow + column] + offset)
          }
        }
      }

      let tail = drain[kernel] * latency[kernel]
      let rest = latency[kernel] - delay[kernel] + portTerm[kernel]
      for column in 0..<width {
        finishRows[row + column] = emitRows[row + column] + rest
      }
      for index in arcStart[kernel]..<arcStart[kernel + 1] {
        let arc = arcs[index]
        let producerRow = arc.producer * width
        if variableOfArc[index] >= 0 {
          let column = 2 + 2 * variableOfArc[index]
          finishRows[row + column] = max(finishRows[row + column], tail)
        } else if role[arc.producer] == .constant {
          finishRows[row] = max(finishRows[row], finish[arc.producer] + arc.crossing + tail)
        } else {
          for column in 0..<width {
            finishRows[row + column] = max(
              finishRows[row + column], finishRows[producerRow + column] + arc.crossing + tail)
          }
        }
      }

      regionHasTerms[owner] = true
      for column in 0..<width {
        regionRows[owner * width + column] = max(
          regionRows[owner * width + column], finishRows[row + column])
      }
    }
    return Expressions(
      width: width, emit: emitRows, finish: finishRows, region: regionRows,
      regionHasTerms: regionHasTerms, regionConstant: regionConstant)
  }
}
