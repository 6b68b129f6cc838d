"""What search keeps in the database besides its table of documents (faqs/search/table.py)."""

from django.db import models


class SearchVector(models.Model):
    """A passage's vector of meaning (faqs/search/vectors.py), kept by a digest of its text and of the model that
    made it: computing one takes milliseconds, and every process and server reads the same ones."""

    digest = models.CharField(max_length=32, primary_key=True)
    vector = models.BinaryField()  # float16, faqs.search.network.WIDTH of them

    class Meta:
        db_table = "faqs_searchvector"

    def __str__(self):
        return self.digest
