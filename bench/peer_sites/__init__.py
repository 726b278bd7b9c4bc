"""Sources of the peers `make bench PEERS=1` compares with; copied into bench/peers/."""
