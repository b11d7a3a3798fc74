package com.example.springboot;

import java.math.BigDecimal;

/** A product; cached as JSON (with its class name, since Spring declares cache values as Object). */
public record Product(long id, String name, BigDecimal price) {
}
