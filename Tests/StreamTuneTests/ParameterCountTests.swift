import StreamTune
import Testing

@Suite("Model parameter counts")
struct ParameterCountTests {
  /// Published totals of each shipped model: embeddings included, a tied LM head counted once.
  @Test(
    "parameter count matches published total",
    arguments: [
      ("gpt2-medium.json", 354_823_168),
      ("opt-125m.json", 125_239_296),
      ("pythia-160m.json", 162_322_944),
      ("phi-2.json", 2_779_683_840),
      ("TinyLlama-1.1B-Chat-v1.0.json", 1_100_048_384),
      ("Llama-3.2-1B.json", 1_235_814_400),
      ("Mistral-7B-v0.1.json", 7_241_732_096),
      ("Qwen2.5-0.5B.json", 494_032_768),
      ("gemma-3-1b-it.json", 999_885_952),
    ])
  func publishedTotal(fileName: String, expected: Int) throws {
    let config = try ModelImporter.load(path: ModelFixtures.model(fileName))
    #expect(config.parameterCount == expected)
  }

  @Test("parts add up to the total")
  func partsAddUp() throws {
    let config = try ModelImporter.load(path: ModelFixtures.model("phi-2.json"))
    let parts =
      config.embeddingParameterCount + config.layers * config.layerParameterCount
      + config.finalNormParameterCount + config.lmHeadParameterCount
    #expect(parts == config.parameterCount)
  }

  @Test("GPT-2 medium block counted by hand")
  func gpt2MediumBlock() throws {
    let config = try ModelImporter.load(path: ModelFixtures.model("gpt2-medium.json"))
    let hidden = 1024
    let projections = hidden * 3 * hidden + hidden * hidden + 2 * hidden * 4 * hidden
    let biases = 3 * hidden + hidden + 4 * hidden + hidden
    let norms = 2 * 2 * hidden
    #expect(config.layerGEMMWeightCount == projections)
    #expect(config.layerBiasCount == biases)
    #expect(config.layerParameterCount == projections + biases + norms)
  }

  @Test("untying the head adds the vocabulary matrix")
  func untiedHead() throws {
    var config = try ModelImporter.load(path: ModelFixtures.model("Llama-3.2-1B.json"))
    let tied = config.parameterCount
    config.tiedEmbeddings = false
    #expect(config.parameterCount - tied == config.vocabularySize * config.hiddenSize)
  }

  @Test("OPT embedding projection adds two matrices")
  func optProjection() throws {
    var config = try ModelImporter.load(path: ModelFixtures.model("opt-125m.json"))
    let base = config.parameterCount
    config.wordEmbeddingDimension = 512
    // The tied table shrinks to 512 columns; project_in and project_out are 512 x hidden.
    let tableSaving = config.vocabularySize * (config.hiddenSize - 512)
    #expect(config.parameterCount == base - tableSaving + 2 * 512 * config.hiddenSize)
  }
}
