"""Training in chunks that change nothing: the network, its engine and optimizer, the Trainer and the band."""
