"""The spam classifier: features, training, storage without pickle. No Django imports here."""
