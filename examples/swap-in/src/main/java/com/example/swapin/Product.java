package com.example.swapin;

import java.io.Serializable;

/** A product. Serializable because JCache providers that store by value in memory (Caffeine) copy it that way. */
public record Product(String sku, String name) implements Serializable {
}
