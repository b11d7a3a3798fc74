package io.github.redisjcache.benchmarks;

import java.io.Serializable;
import java.util.Objects;

/** The benchmark value: a plain object of 8 fields, about 200 bytes once encoded as JSON. */
public class Item implements Serializable {

    private static final long serialVersionUID = 1L;

    private long id;
    private String name;
    private String email;
    private String city;
    private int quantity;
    private double price;
    private boolean active;
    private long updatedAt;

    public Item() {
    }

    public Item(long id, String name, String email, String city, int quantity, double price, boolean active,
                long updatedAt) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.city = city;
        this.quantity = quantity;
        this.price = price;
        this.active = active;
        this.updatedAt = updatedAt;
    }

    /** A typical value for key number {@code i}. */
    public static Item sample(long i) {
        return new Item(i, "Widget model " + (100000 + i) + " standard edition",
                "customer." + (100000 + i) + "@example-mail.com", "Amsterdam-Noord district 7", 3, 1249.95, true,
                1_735_689_600_000L + i);
    }

    /** A copy with {@code quantity} one higher (the entry processor's increment). */
    public Item incremented() {
        return new Item(id, name, email, city, quantity + 1, price, active, updatedAt);
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public double getPrice() {
        return price;
    }

    public void setPrice(double price) {
        this.price = price;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Item)) {
            return false;
        }
        Item that = (Item) o;
        return id == that.id && quantity == that.quantity && Double.compare(price, that.price) == 0
                && active == that.active && updatedAt == that.updatedAt && Objects.equals(name, that.name)
                && Objects.equals(email, that.email) && Objects.equals(city, that.city);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, email, city, quantity, price, active, updatedAt);
    }
}
