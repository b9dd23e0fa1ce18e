extension TransformerConfig {
  /// Total parameters of the model: embeddings, every block, the final norm and the LM head,
  /// with a tied LM head counted once (as the published totals count it).
  public var parameterCount: Int {
    embeddingParameterCount + layers * layerParameterCount + finalNormParameterCount
      + lmHeadParameterCount
  }

  /// Parameters of the token and learned position embeddings, plus OPT's input and output
  /// projections when `wordEmbeddingDimension` differs from `hiddenSize`.
  public var embeddingParameterCount: Int {
    var count = vocabularySize * wordEmbeddingDimension + learnedPositions * hiddenSize
    if wordEmbeddingDimension != hiddenSize {
      count += 2 * wordEmbeddingDimension * hiddenSize
    }
    return count
  }

  /// Parameters of one transformer block.
  public var layerParameterCount: Int {
    layerGEMMWeightCount + layerBiasCount + normsPerLayer * normParameterCount(hiddenSize)
      + (qkNorm ? 2 * normParameterCount(headDimension) : 0)
  }

  /// Weight elements of one block's projections (biases and norms excluded); a prefill of S
  /// tokens performs S times this many multiply-accumulates in its projections.
  public var layerGEMMWeightCount: Int {
    let queryWidth = attentionHeads * headDimension
    let keyValueWidth = keyValueHeads * headDimension
    let attention = hiddenSize * (queryWidth + 2 * keyValueWidth) + queryWidth * hiddenSize
    let feedForward = (gatedFeedForward ? 3 : 2) * hiddenSize * intermediateSize
    return attention + feedForward
  }

  /// Bias elements of one block's projections.
  public var layerBiasCount: Int {
    var count = 0
    if qkvBias { count += (attentionHeads + 2 * keyValueHeads) * headDimension }
    if attentionOutputBias { count += hiddenSize }
    if mlpBias {
      count += (gatedFeedForward ? 2 : 1) * intermediateSize + hiddenSize
    }
    return count
  }

  /// Parameters of the norm after the last block (zero when the model has none).
  public var finalNormParameterCount: Int {
    finalNorm ? normParameterCount(hiddenSize) : 0
  }

  /// Parameters of the LM head that are not shared with the embedding: the matrix when
  /// untied, plus the bias when present.
  public var lmHeadParameterCount: Int {
    (tiedEmbeddings ? 0 : vocabularySize * wordEmbeddingDimension)
      + (lmHeadBias ? vocabularySize : 0)
  }

  /// Parameters of one norm over `width` elements: a scale, plus a bias for LayerNorm.
  func normParameterCount(_ width: Int) -> Int {
    norm == .layerNorm ? 2 * width : width
  }
}
