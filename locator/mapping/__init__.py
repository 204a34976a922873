"""The Folium map: local Leaflet assets, clinics drawn from one data array, updates in place."""
